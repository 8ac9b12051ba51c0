import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('store configuration', () => {
  it('uses the embedded SQLite file under ./data when nothing is set', () => {
    expect(loadConfig({}).store).toEqual({ databaseUrl: undefined, dataDir: './data' });
    expect(loadConfig({ DATABASE_URL: '  ', DATA_DIR: '/var/lib/ace' }).store).toEqual({
      databaseUrl: undefined,
      dataDir: '/var/lib/ace',
    });
  });

  it('switches to PostgreSQL for a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://u@db:5432/ace', 'postgresql://u:p@db/ace?sslmode=require']) {
      expect(loadConfig({ DATABASE_URL: url }).store.databaseUrl).toBe(url);
    }
  });

  it('refuses any other DATABASE_URL, naming the variable, without echoing the value', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/ace' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('DATABASE_URL');
    expect((error as ConfigError).message).not.toContain('hunter2');
  });
});

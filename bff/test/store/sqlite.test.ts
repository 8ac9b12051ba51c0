import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/store/migrations';
import { migrateSqlite, openSqliteStore } from '../../src/store/sqlite';
import { createTempDataDir } from './support/databases';

const temp = createTempDataDir();
afterAll(() => temp.remove());

// What only SQLite has: its file, its pragmas, its migrations. The repositories: store.test.ts.
describe('the embedded SQLite store', () => {
  it('creates its file under DATA_DIR in WAL mode with synchronous=FULL on every connection', async () => {
    const store = openSqliteStore({ dataDir: temp.dir });
    expect(store.settings()).toEqual({
      journalMode: 'wal',
      synchronous: 'FULL',
      foreignKeys: true,
      busyTimeoutMs: 5000,
    });
    await store.close();
    expect(store.isOpen()).toBe(false);
    const db = new Database(temp.sqliteFile, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('creates its folder readable by the service user only (0700), and its files 0600', async () => {
    const dataDir = path.join(temp.dir, 'private', 'data');
    const store = openSqliteStore({ dataDir });
    // A write, so the WAL and shared-memory files exist too.
    await store.presets.insert(
      { id: 'p'.repeat(22), owner: 'local', schemaVersion: 3, params: {}, createdAt: 'x' },
      10,
    );
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    const files = readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/\.sqlite-wal$/)]));
    for (const file of files) expect(mode(path.join(dataDir, file)), file).toBe(0o600);
    await store.close();
  });

  it('records each migration once, and applies only what a later release adds', async () => {
    await openSqliteStore({ dataDir: temp.dir }).close();
    const db = new Database(temp.sqliteFile);
    try {
      expect(db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all()).toEqual(
        SQLITE_MIGRATIONS.map(({ id, name }) => ({ id, name })),
      );
      expect(migrateSqlite(db, SQLITE_MIGRATIONS)).toEqual([]);
      const next = {
        id: SQLITE_MIGRATIONS.length + 1,
        name: 'jobs',
        sql: 'CREATE TABLE jobs (id TEXT PRIMARY KEY)',
      };
      expect(migrateSqlite(db, [...SQLITE_MIGRATIONS, next])).toEqual([next.id]);
      expect(migrateSqlite(db, [...SQLITE_MIGRATIONS, next])).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('leaves nothing half-applied when a migration fails', () => {
    const db = new Database(temp.sqliteFile);
    try {
      const broken = [
        { id: 90, name: 'half', sql: 'CREATE TABLE half (id INTEGER)' },
        { id: 91, name: 'broken', sql: 'CREATE TABLE nope (' },
      ];
      expect(() => migrateSqlite(db, broken)).toThrow();
      expect(
        db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(),
      ).toBeUndefined();
      expect(db.prepare('SELECT id FROM schema_migrations WHERE id >= 90').all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configErrorOf } from '../support/config';
import { createLogger } from '../../src/logger';
import { startServer } from '../../src/server';

describe('with no Atlas credentials', () => {
  it('embeds the simulator, logs that it does, and tells the page the data is simulated', async () => {
    let logs = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const running = await startServer(
      loadConfig({
        PORT: '0',
        SIMULATOR_PROCESSING_MS: '10',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ace-embedded-')),
      }),
      {
        logger: createLogger({ level: 'info', destination: sink }),
      },
    );
    try {
      expect(running.simulator).toBeDefined();
      expect(logs).toContain('built-in Atlas simulator');
      const res = await fetch(`${running.url}/api/meta`, { headers: { 'X-CSRF': '1' } });
      expect(await res.json()).toMatchObject({ dataSource: 'simulator', retentionMonths: 18 });
    } finally {
      await running.close();
    }
  });
});

describe('configuration', () => {
  it('lists every problem at once in readable lines', () => {
    const problems = configErrorOf({
      PORT: 'eighty',
      ATLAS_CLIENT_ID: 'id-only',
      ATLAS_BASE_URL: 'ftp://x',
    }).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('ATLAS_CLIENT_SECRET');
    expect(problems).toContain('ATLAS_BASE_URL');
  });

  it('picks the service account when one is configured, the API key otherwise', () => {
    expect(
      loadConfig({ ATLAS_CLIENT_ID: 'a', ATLAS_CLIENT_SECRET: 'b' }).connections?.[0]?.credentials
        .kind,
    ).toBe('service-account');
    expect(
      loadConfig({ ATLAS_PUBLIC_KEY: 'a', ATLAS_PRIVATE_KEY: 'b' }).connections?.[0]?.credentials
        .kind,
    ).toBe('api-key');
    expect(loadConfig({}).connections).toBeUndefined();
  });
});

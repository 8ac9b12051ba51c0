import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetResponseSchema } from '../../src/contract';
import {
  createTempDataDir,
  createTestDatabase,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../store/support/databases';
import { describePostgres } from '../store/support/each-database';
import { presetBody } from '../support/presets';
import { startStack, type Stack } from '../support/stack';

const body = (name: string) =>
  JSON.stringify(
    presetBody(
      '5f1a2b3c4d5e6f7a8b9c0d1e',
      { period: { kind: 'relative', period: 'year-to-date' } },
      { name },
    ),
  );

/** 100 browsers save the same version at once: one wins, 99 learn that they lost. */
async function raceHundredPuts(stack: Stack, label: string): Promise<void> {
  const created = await stack.api('/api/presets', { method: 'POST', body: body('start') });
  const { id } = presetResponseSchema.parse(await created.json());
  const responses = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      stack.api(`/api/presets/${id}`, {
        method: 'PUT',
        body: body(`writer ${i}`),
        headers: { 'If-Match': '"1"' },
      }),
    ),
  );
  const statuses = responses.map((r) => r.status);
  const count = (status: number) => statuses.filter((s) => s === status).length;
  console.info(
    `[${label}] 100 concurrent PUTs with If-Match "1": ${count(200)} × 200, ${count(412)} × 412`,
  );
  expect({ ok: count(200), stale: count(412) }).toEqual({ ok: 1, stale: 99 });

  const winner = responses[statuses.indexOf(200)]!;
  const saved = presetResponseSchema.parse(await winner.json());
  const final = await stack.api(`/api/presets/${id}`);
  expect(final.headers.get('etag')).toBe('"2"');
  expect(presetResponseSchema.parse(await final.json())).toMatchObject({
    version: 2,
    name: saved.name,
  });
}

describe('100 concurrent PUTs with the same If-Match, through the HTTP API', () => {
  describe('on the embedded SQLite store', () => {
    const temp = createTempDataDir();
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ env: { DATA_DIR: temp.dir } });
    });
    afterAll(async () => {
      await stack?.close();
      temp.remove();
    });

    it('answers exactly one 200 and 99 × 412, and the winner’s save is the one kept', async () => {
      expect(stack.bff.store.dialect).toBe('sqlite');
      await raceHundredPuts(stack, 'sqlite');
    });
  });

  describePostgres('on PostgreSQL', () => {
    let database: TestDatabase;
    let stack: Stack;
    beforeAll(async () => {
      database = await createTestDatabase(TEST_DATABASE_URL!);
      stack = await startStack({ env: { DATABASE_URL: database.url } });
    });
    afterAll(async () => {
      await stack?.close();
      await database?.drop();
    });

    it('answers exactly one 200 and 99 × 412, and the winner’s save is the one kept', async () => {
      expect(stack.bff.store.dialect).toBe('postgres');
      await raceHundredPuts(stack, 'postgres');
    });
  });
});

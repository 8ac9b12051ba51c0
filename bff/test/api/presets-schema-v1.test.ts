import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetListSchema, presetResponseSchema } from '../../src/contract';
import {
  createTempDataDir,
  insertRawPostgresPreset,
  insertRawSqlitePreset,
  type RawPresetRow,
} from '../store/support/databases';
import { describePostgres, postgresDatabasePerSuite } from '../store/support/each-database';
import { readPresetFixture } from '../store/support/fixtures';
import { startStack, type Stack } from '../support/stack';

const v1 = readPresetFixture(1).presets[0]!;

const rawV1Row = (): RawPresetRow => ({
  id: randomBytes(16).toString('base64url'),
  owner: 'local',
  schemaVersion: 1,
  params: v1.stored,
  version: 4,
  createdAt: '2025-04-02T09:30:00.000Z',
});

/** The same story on each store: a row an old release wrote opens, lists and saves today. */
function describeOpeningV1(
  start: () => Promise<Stack>,
  insertRaw: (row: RawPresetRow) => Promise<void>,
  readSchemaVersion: (id: string) => Promise<number>,
): void {
  let stack: Stack;
  beforeAll(async () => {
    stack = await start();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('opens a preset stored at schema v1 as a current preset, with its range resolved', async () => {
    const row = rawV1Row();
    await insertRaw(row);
    const res = await stack.api(`/api/presets/${row.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"4"');
    const preset = presetResponseSchema.parse(await res.json());
    expect(preset).toMatchObject({
      ...(v1.current as object),
      id: row.id,
      version: 4,
      schemaVersion: 3,
      createdAt: row.createdAt,
    });
    expect(preset.resolved).toEqual({ first: '2025-01-01', last: '2025-03-01' });
    const list = presetListSchema.parse(await (await stack.api('/api/presets')).json());
    expect(list.items.map((p) => p.id)).toContain(row.id);
  });

  it('rewrites it at the current schema version when it is next saved', async () => {
    const row = rawV1Row();
    await insertRaw(row);
    const opened = presetResponseSchema.parse(
      await (await stack.api(`/api/presets/${row.id}`)).json(),
    );
    const { name, description, query } = opened;
    const res = await stack.api(`/api/presets/${row.id}`, {
      method: 'PUT',
      body: JSON.stringify({ name, description, query }),
      headers: { 'If-Match': '"4"' },
    });
    expect(res.status).toBe(200);
    expect(await readSchemaVersion(row.id)).toBe(3);
  });
}

describe('a preset stored at schema v1, after the schema moved on', () => {
  describe('on the embedded SQLite store', () => {
    const temp = createTempDataDir();
    afterAll(() => temp.remove());
    describeOpeningV1(
      () => startStack({ env: { DATA_DIR: temp.dir } }),
      (row) => Promise.resolve(insertRawSqlitePreset(temp.sqliteFile, row)),
      (id) => {
        const db = new Database(temp.sqliteFile, { readonly: true });
        try {
          const row = db.prepare('SELECT schema_version FROM presets WHERE id = ?').get(id);
          return Promise.resolve((row as { schema_version: number }).schema_version);
        } finally {
          db.close();
        }
      },
    );
  });

  describePostgres('on PostgreSQL', () => {
    const databaseUrl = postgresDatabasePerSuite();
    describeOpeningV1(
      () => startStack({ env: { DATABASE_URL: databaseUrl() } }),
      (row) => insertRawPostgresPreset(databaseUrl(), row),
      async (id) => {
        const client = new pg.Client({ connectionString: databaseUrl() });
        await client.connect();
        try {
          const { rows } = await client.query<{ schema_version: number }>(
            'SELECT schema_version FROM presets WHERE id = $1',
            [id],
          );
          return rows[0]!.schema_version;
        } finally {
          await client.end();
        }
      },
    );
  });
});

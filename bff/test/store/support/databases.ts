import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../../src/store/sqlite';
import type { PresetRecord } from '../../../src/store/types';

/**
 * Where the PostgreSQL half of the tests runs: `.ci/run` points it at the CI machine's server.
 * Each test file creates its own database and drops it, so parallel runs never collide.
 * Suites that need it are declared with `describePostgres` (each-database.ts).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const POSTGRES_SKIP_REASON =
  'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres; .ci/run sets it)';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `ace_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (err) {
    // A failure, never a skip: TEST_DATABASE_URL says PostgreSQL is meant to be there.
    const where = new URL(adminUrl);
    throw new Error(
      `PostgreSQL at ${where.host} (TEST_DATABASE_URL) is unreachable: ${(err as Error).message}`,
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TempDir {
  dir: string;
  sqliteFile: string;
  remove(): void;
}

export function createTempDataDir(): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'ace-store-'));
  return {
    dir,
    sqliteFile: path.join(dir, SQLITE_FILE_NAME),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A row exactly as some earlier release wrote it, bypassing today's repository code. */
export type RawPresetRow = Omit<PresetRecord, 'updatedAt'>;

/** A raw row's values in column order, up to created_at (updated_at is the same instant). */
const rawPresetValues = (row: RawPresetRow) => [
  row.id,
  row.owner,
  row.schemaVersion,
  JSON.stringify(row.params),
  row.version,
  row.createdAt,
];

export function insertRawSqlitePreset(file: string, row: RawPresetRow): void {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(
      `INSERT INTO presets (id, owner, schema_version, params, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(...rawPresetValues(row), row.createdAt);
  } finally {
    db.close();
  }
}

export async function insertRawPostgresPreset(url: string, row: RawPresetRow): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO presets (id, owner, schema_version, params, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      rawPresetValues(row),
    );
  } finally {
    await client.end();
  }
}

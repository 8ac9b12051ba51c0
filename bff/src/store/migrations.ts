/**
 * Schema migrations: one ordered, append-only list per dialect, applied at start inside one
 * transaction and recorded in `schema_migrations`. Never edit a shipped entry; add the next one.
 * The query jobs, result cache and watchers (migrations 2 and 3) live in `migrations-jobs.ts`,
 * the month slices (4) in `migrations-slices.ts`, the shared Atlas budget (5) in
 * `migrations-budgets.ts`, preset opens and warming runs (6) in `migrations-warming.ts`, a
 * result's detail column (7) in `migrations-detail.ts`, long texts in pieces (8) in
 * `migrations-pieces.ts`;
 * where the dialects' column types differ, a migration names the type (`schema-types.ts`).
 */
import type { SchemaTypes } from './schema-types';
import { POSTGRES_TYPES, SQLITE_TYPES } from './schema-types';
import { budgetsMigration } from './migrations-budgets';
import { detailMigration } from './migrations-detail';
import { jobsMigration, watchersMigration } from './migrations-jobs';
import { piecesMigration } from './migrations-pieces';
import { slicesMigration } from './migrations-slices';
import { warmingMigration } from './migrations-warming';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const presetsMigration = (t: SchemaTypes): Migration => ({
  id: 1,
  name: 'presets',
  sql: `
      CREATE TABLE presets (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
        params ${t.json('params')},
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at ${t.timestamp} NOT NULL,
        updated_at ${t.timestamp} NOT NULL
      )${t.strict};
      CREATE INDEX presets_owner_updated ON presets (owner, updated_at DESC);
    `,
});

/** Every migration in order, each written once over the dialect's column types. */
const MIGRATIONS = [
  presetsMigration,
  jobsMigration,
  watchersMigration,
  slicesMigration,
  budgetsMigration,
  warmingMigration,
  detailMigration,
  piecesMigration,
];

export const SQLITE_MIGRATIONS: readonly Migration[] = MIGRATIONS.map((m) => m(SQLITE_TYPES));

export const POSTGRES_MIGRATIONS: readonly Migration[] = MIGRATIONS.map((m) => m(POSTGRES_TYPES));

export const SCHEMA_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )
`;

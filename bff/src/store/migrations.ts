/**
 * Schema migrations: one ordered, append-only list per dialect, applied at start inside one
 * transaction and recorded in `schema_migrations`. Never edit a shipped entry; add the next one.
 * The query jobs and result cache (migrations 2 and 3) live in `migrations-jobs.ts`.
 */
import {
  POSTGRES_JOBS_MIGRATION,
  POSTGRES_WATCHERS_MIGRATION,
  SQLITE_JOBS_MIGRATION,
  SQLITE_WATCHERS_MIGRATION,
} from './migrations-jobs';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'presets',
    sql: `
      CREATE TABLE presets (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
        params TEXT NOT NULL CHECK (json_valid(params)),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX presets_owner_updated ON presets (owner, updated_at DESC);
    `,
  },
  SQLITE_JOBS_MIGRATION,
  SQLITE_WATCHERS_MIGRATION,
];

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'presets',
    sql: `
      CREATE TABLE presets (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
        params JSONB NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX presets_owner_updated ON presets (owner, updated_at DESC);
    `,
  },
  POSTGRES_JOBS_MIGRATION,
  POSTGRES_WATCHERS_MIGRATION,
];

export const SCHEMA_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )
`;

/**
 * The column types where SQLite and PostgreSQL differ, by name: each migration is written once
 * over them and yields each dialect's SQL (as the query fragments in `dialect.ts` do for queries).
 */
export interface SchemaTypes {
  /** Written after a table's closing parenthesis: SQLite's STRICT (types enforced), or nothing. */
  strict: string;
  /** An ISO date-time: TEXT on SQLite, TIMESTAMPTZ on PostgreSQL. */
  timestamp: string;
  /** Epoch milliseconds: SQLite's INTEGER is 64-bit; PostgreSQL needs BIGINT. */
  epochMs: string;
  /** A required JSON column's type and constraint: checked TEXT on SQLite, JSONB on PostgreSQL. */
  json: (column: string) => string;
  /** The same for a JSON column that may be NULL. */
  nullableJson: (column: string) => string;
  /** A boolean that starts false: 0/1 on SQLite, BOOLEAN on PostgreSQL. */
  falseFlag: string;
}

export const SQLITE_TYPES: SchemaTypes = {
  strict: ' STRICT',
  timestamp: 'TEXT',
  epochMs: 'INTEGER',
  json: (column) => `TEXT NOT NULL CHECK (json_valid(${column}))`,
  nullableJson: (column) => `TEXT CHECK (${column} IS NULL OR json_valid(${column}))`,
  falseFlag: 'INTEGER NOT NULL DEFAULT 0',
};

export const POSTGRES_TYPES: SchemaTypes = {
  strict: '',
  timestamp: 'TIMESTAMPTZ',
  epochMs: 'BIGINT',
  json: () => 'JSONB NOT NULL',
  nullableJson: () => 'JSONB',
  falseFlag: 'BOOLEAN NOT NULL DEFAULT FALSE',
};

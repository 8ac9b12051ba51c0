import type { Expression, QueryExecutorProvider, RawBuilder, SelectQueryBuilder } from 'kysely';
import { sql } from './kysely';
import pg from 'pg';
import type { Dialect } from './types';

/**
 * Everything the two dialects do differently, by name. The repositories are written once
 * against Kysely and call these where SQLite and PostgreSQL part ways; a new difference gets a
 * name here, never an `if (dialect === …)` in a repository. (Schema differences live in the
 * per-dialect migrations; how to open, tune and migrate each database, in sqlite.ts and
 * postgres.ts.)
 */
export interface DialectFragments {
  readonly name: Dialect;
  /** The larger of two values: SQLite's scalar two-argument `max`, PostgreSQL's `GREATEST`. */
  greatest: <T>(a: Expression<T>, b: Expression<T>) => RawBuilder<T>;
  /**
   * Locks for a claiming subquery, so concurrent claimers never take the same rows:
   * `FOR UPDATE SKIP LOCKED` on PostgreSQL; nothing on SQLite, which has one writer at a time.
   */
  skipLocked: <DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ) => SelectQueryBuilder<DB, TB, O>;
  /**
   * Serializes a transaction with every other one that names the same key (until it ends), so a
   * count and the write it allows cannot interleave: PostgreSQL's transaction-scoped advisory
   * lock; nothing on SQLite, whose write transactions never overlap.
   */
  lockKey: (tx: QueryExecutorProvider, key: string) => Promise<void>;
}

export const sqliteFragments: DialectFragments = {
  name: 'sqlite',
  greatest: (a, b) => sql`max(${a}, ${b})`,
  skipLocked: (query) => query,
  lockKey: () => Promise.resolve(),
};

export const postgresFragments: DialectFragments = {
  name: 'postgres',
  greatest: (a, b) => sql`greatest(${a}, ${b})`,
  skipLocked: (query) => query.forUpdate().skipLocked(),
  lockKey: async (tx, key) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
  },
};

/**
 * JSON columns are TEXT on SQLite and JSONB on PostgreSQL. Both take JSON text in, and both give
 * text back (PostgreSQL through `postgresTypes` below), so encoding and decoding are the same.
 */
export const toJson = (value: unknown): string => JSON.stringify(value);
export const fromJson = (text: string): unknown => JSON.parse(text) as unknown;

/**
 * Booleans: PostgreSQL has BOOLEAN, SQLite stores 0/1 and reads back numbers. Write them as
 * `sql.lit(true)` (both parse TRUE): better-sqlite3 cannot bind a boolean parameter.
 */
export const flag = (value: boolean | number): boolean => value === true || value === 1;

const { builtins, getTypeParser } = pg.types;
const parseTimestamptz = getTypeParser(builtins.TIMESTAMPTZ) as (text: string) => Date;
const textParsers = new Map<number, (text: string) => unknown>([
  [builtins.INT8, Number],
  [builtins.JSONB, (text) => text],
  [builtins.TIMESTAMPTZ, (text) => parseTimestamptz(text).toISOString()],
]);

/**
 * The PostgreSQL pool's type parsers, chosen so rows come back in the shapes SQLite gives:
 * BIGINT (epoch milliseconds, counts) as numbers, not strings (every value we store is far
 * below 2^53); JSONB as its text, decoded by `fromJson` as on SQLite; TIMESTAMPTZ as an ISO
 * 8601 string, the format SQLite's TEXT columns hold. Scoped to the store's pool, not global.
 */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    (format !== 'binary' && textParsers.get(oid)) ||
    getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

import pg from 'pg';
import { postgresFragments, postgresTypes } from './dialect';
import { Kysely, PostgresDialect } from './kysely';
import { POSTGRES_MIGRATIONS, SCHEMA_MIGRATIONS_TABLE, type Migration } from './migrations';
import { createRepositories } from './repositories';
import type { StoreSchema } from './schema';
import type { Store } from './types';

/** Any constant works as long as every replica uses the same one ("ace" + "mig" in ASCII). */
const MIGRATION_LOCK_KEY = 0x616365_6d6967;

export interface PostgresStoreOptions {
  connectionString: string;
  /** Connections per BFF instance; preset traffic is light. */
  maxConnections?: number;
  onPoolError?: (err: Error) => void;
}

/** PostgreSQL for more than one BFF replica (SQLite's WAL needs a single host). */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    types: postgresTypes,
  });
  // An idle client that loses its server emits here; without a listener that crashes Node.
  pool.on('error', (err) => options.onPoolError?.(err));
  try {
    await migratePostgres(pool, POSTGRES_MIGRATIONS);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const kysely = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  let open = true;
  return {
    ...createRepositories(kysely, postgresFragments),
    isOpen: () => open,
    async close() {
      if (!open) return;
      open = false;
      await kysely.destroy();
      // destroy() ends only a pool Kysely has used.
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * Applies the missing migrations in one transaction holding an advisory lock, so replicas
 * starting together queue up instead of racing on CREATE TABLE.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(SCHEMA_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ id: number }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((row) => Number(row.id)));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)',
        [migration.id, migration.name, new Date().toISOString()],
      );
      applied.push(migration.id);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

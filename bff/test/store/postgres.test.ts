import pg from 'pg';
import { expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/store/migrations';
import { migratePostgres, openPostgresStore } from '../../src/store/postgres';
import { createTestDatabase, TEST_DATABASE_URL } from './support/databases';
import { describePostgres, postgresDatabasePerSuite } from './support/each-database';

// What only PostgreSQL has: migrations under an advisory lock. The repositories: store.test.ts.
describePostgres('the PostgreSQL store', () => {
  const databaseUrl = postgresDatabasePerSuite();

  it('lets two replicas start together on an empty database and migrates once', async () => {
    const fresh = await createTestDatabase(TEST_DATABASE_URL!);
    try {
      const stores = await Promise.all([
        openPostgresStore({ connectionString: fresh.url }),
        openPostgresStore({ connectionString: fresh.url }),
        openPostgresStore({ connectionString: fresh.url }),
      ]);
      await Promise.all(stores.map((s) => s.close()));
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const { rows } = await client.query('SELECT id, name FROM schema_migrations ORDER BY id');
      await client.end();
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ id, name }) => ({ id, name })));
    } finally {
      await fresh.drop();
    }
  });

  it('applies only what a later release adds, and nothing of a migration that fails', async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
    try {
      const all = POSTGRES_MIGRATIONS.map((migration) => migration.id);
      expect(await migratePostgres(pool, POSTGRES_MIGRATIONS)).toEqual(all);
      expect(await migratePostgres(pool, POSTGRES_MIGRATIONS)).toEqual([]);
      const next = { id: 90, name: 'jobs', sql: 'CREATE TABLE jobs_test (id TEXT PRIMARY KEY)' };
      expect(await migratePostgres(pool, [...POSTGRES_MIGRATIONS, next])).toEqual([90]);
      const broken = [
        { id: 91, name: 'half', sql: 'CREATE TABLE half (id INTEGER)' },
        { id: 92, name: 'broken', sql: 'CREATE TABLE nope (' },
      ];
      await expect(migratePostgres(pool, broken)).rejects.toThrow();
      const { rows } = await pool.query("SELECT to_regclass('half') AS half");
      expect(rows[0]).toEqual({ half: null });
    } finally {
      await pool.end();
    }
  });
});

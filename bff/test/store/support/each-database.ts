import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPostgresStore } from '../../../src/store/postgres';
import { openSqliteStore } from '../../../src/store/sqlite';
import type { Store } from '../../../src/store/types';
import {
  createTempDataDir,
  createTestDatabase,
  POSTGRES_SKIP_REASON,
  TEST_DATABASE_URL,
  type TestDatabase,
} from './databases';

const onCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** Connects once, while the suite is collected: an Error saying why not, or undefined. */
async function reach(url: string): Promise<Error | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    const { host } = new URL(url);
    return new Error(`PostgreSQL at ${host} (TEST_DATABASE_URL) is unreachable: ${String(err)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `describe` for tests that need PostgreSQL. With TEST_DATABASE_URL set they run; a server that
 * cannot be reached is a failing test (checked before the suite's hooks, which Vitest would
 * report as skipped tests), never a skip. Without it, one skipped test names the variable (a
 * laptop without PostgreSQL), except on CI (`CI=true`), where that test fails: CI must not pass
 * with the PostgreSQL half quietly left out.
 */
export function describePostgres(title: string, body: () => void): void {
  if (TEST_DATABASE_URL) {
    const url = TEST_DATABASE_URL;
    describe(title, async () => {
      const unreachable = await reach(url);
      if (!unreachable) return body();
      it('reaches PostgreSQL at TEST_DATABASE_URL', () => {
        throw unreachable;
      });
    });
    return;
  }
  describe(title, () => {
    if (onCi) {
      it(`needs ${POSTGRES_SKIP_REASON}`, () => {
        throw new Error(`CI=true but ${POSTGRES_SKIP_REASON}`);
      });
      return;
    }
    console.warn(`[skipped] ${title}: ${POSTGRES_SKIP_REASON}`);
    it.skip(`skipped: ${POSTGRES_SKIP_REASON}`, () => undefined);
  });
}

/**
 * Defines a suite once and runs it on both databases: the embedded SQLite file in a temporary
 * DATA_DIR, and a PostgreSQL database created for this test file and dropped after it. `open`
 * gives a fresh store on that database each time it is called.
 */
export function describeOnEachDatabase(
  title: string,
  define: (open: () => Promise<Store>) => void,
): void {
  describe(`${title} on SQLite`, () => {
    const temp = createTempDataDir();
    afterAll(() => temp.remove());
    define(() => Promise.resolve(openSqliteStore({ dataDir: temp.dir })));
  });

  describePostgres(`${title} on PostgreSQL`, () => {
    const databaseUrl = postgresDatabasePerSuite();
    define(() => openPostgresStore({ connectionString: databaseUrl() }));
  });
}

/**
 * A PostgreSQL database of the suite's own (inside `describePostgres`): created before its tests
 * and dropped after them. Returns a function giving its URL, to call inside tests.
 */
export function postgresDatabasePerSuite(): () => string {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('the database is created in beforeAll: read it inside a test');
    return database.url;
  };
}

/** One store for the enclosing suite, opened before its tests and closed after them. */
export function storePerSuite(open: () => Promise<Store>): () => Store {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });
  return () => {
    if (!store) throw new Error('the store is opened before the suite’s tests run');
    return store;
  };
}

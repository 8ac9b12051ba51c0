import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from '../../src/store/kysely';
import { precompile } from '../../src/store/precompiled';

interface Schema {
  t: { id: string; body: string };
}

describe('a precompiled query', () => {
  const raw = new Database(':memory:');
  raw.exec(
    "CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT); INSERT INTO t VALUES ('a', '1'), ('b', '2')",
  );
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  afterAll(() => db.destroy());

  it('runs with each call’s arguments in their places', async () => {
    const byIds = precompile(db, (first: string, second: string) =>
      db
        .selectFrom('t')
        .select('body')
        .where((eb) => eb.or([eb('id', '=', first), eb('id', '=', second)])),
    );
    expect(await byIds('a', 'nope')).toEqual([{ body: '1' }]);
    expect(await byIds('nope', 'b')).toEqual([{ body: '2' }]);
  });

  it('is refused when an argument would not reach the query as a bound value', () => {
    expect(() =>
      precompile(db, (id: string) =>
        db.selectFrom('t').selectAll().where('id', '=', JSON.stringify(id)),
      ),
    ).toThrow(/every argument must be a bound value/);
  });
});

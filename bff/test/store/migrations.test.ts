import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, type Migration } from '../../src/store/migrations';

const fingerprints = (migrations: readonly Migration[]) =>
  migrations.map(({ id, sql }) => [
    id,
    createHash('sha256').update(sql).digest('hex').slice(0, 16),
  ]);

// Migrations are written once over both dialects' column types (schema-types.ts). A shipped
// migration must never change what it runs: a new need is a new migration, with a new line here.
describe('shipped migrations', () => {
  it('run the same SQL on SQLite as when they shipped', () => {
    expect(fingerprints(SQLITE_MIGRATIONS)).toEqual([
      [1, 'a05289642713d846'],
      [2, 'efa543e9783bcd4c'],
      [3, '9b3c35e7ca283eb0'],
      [4, 'f52f3c2d39a6acb3'],
      [5, '9b117f9743f08a32'],
      [6, 'cf475b99c8e8ce77'],
      [7, 'd801d7b8b2787bcd'],
      [8, 'a3de03fa5631cbba'],
    ]);
  });

  it('run the same SQL on PostgreSQL as when they shipped', () => {
    expect(fingerprints(POSTGRES_MIGRATIONS)).toEqual([
      [1, 'e36eff218b472c64'],
      [2, '5ab7bfd3413415a5'],
      [3, '3fdc565985bd33c6'],
      [4, '97f05e757035ad4d'],
      [5, '33ddb8b2ea6864f8'],
      [6, '6632622504ae4484'],
      [7, 'd801d7b8b2787bcd'],
      [8, '6581ba29ace3b442'],
    ]);
  });
});

import type { Kysely, Selectable } from 'kysely';
import { fromJson, toJson, type DialectFragments } from './dialect';
import type { PresetsTable, StoreSchema } from './schema';
import type { PresetRecord, PresetRepository, WriteConflict } from './types';

function toRecord(row: Selectable<PresetsTable>): PresetRecord {
  return {
    id: row.id,
    owner: row.owner,
    schemaVersion: row.schema_version,
    params: fromJson(row.params),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every method is one statement (the insert: a count and the write in one transaction). */
export function createPresetRepository(
  db: Kysely<StoreSchema>,
  dialect: DialectFragments,
): PresetRepository {
  const find = (id: string) =>
    db.selectFrom('presets').selectAll().where('id', '=', id).executeTakeFirst();

  /** Only after a compare-and-set failed: tells "gone (or not yours)" from "changed meanwhile". */
  const conflict = async (id: string, owner: string): Promise<WriteConflict> => {
    const row = await find(id);
    return row && row.owner === owner
      ? { kind: 'stale', currentVersion: row.version }
      : { kind: 'not-found' };
  };

  return {
    async list(owner, { limit, after }) {
      const rows = await db
        .selectFrom('presets')
        .selectAll()
        .where('owner', '=', owner)
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('updated_at', '<', after!.updatedAt),
              eb.and([eb('updated_at', '=', after!.updatedAt), eb('id', '>', after!.id)]),
            ]),
          ),
        )
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async get(id) {
      const row = await find(id);
      return row ? toRecord(row) : undefined;
    },
    insert: (record, maxPerOwner) =>
      db.transaction().execute(async (tx) => {
        await dialect.lockKey(tx, `presets:${record.owner}`);
        const { n } = await tx
          .selectFrom('presets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('owner', '=', record.owner)
          .executeTakeFirstOrThrow();
        if (Number(n) >= maxPerOwner) return 'limit' as const;
        const row = await tx
          .insertInto('presets')
          .values({
            id: record.id,
            owner: record.owner,
            schema_version: record.schemaVersion,
            params: toJson(record.params),
            version: 1,
            created_at: record.createdAt,
            updated_at: record.createdAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      }),
    async update(id, owner, expectedVersion, change) {
      // The compare-and-set: the version check and the write are the same statement.
      const row = await db
        .updateTable('presets')
        .set((eb) => ({
          schema_version: change.schemaVersion,
          params: toJson(change.params),
          updated_at: change.updatedAt,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .where('owner', '=', owner)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : conflict(id, owner);
    },
    async delete(id, owner, expectedVersion) {
      const { numDeletedRows } = await db
        .deleteFrom('presets')
        .where('id', '=', id)
        .where('owner', '=', owner)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return numDeletedRows === 1n ? true : conflict(id, owner);
    },
  };
}

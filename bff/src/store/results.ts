import type { Kysely, Selectable } from 'kysely';
import type { ResultRecord, ResultRepository } from './job-types';
import { sql } from './kysely';
import { precompile } from './precompiled';
import type { ResultsTable, StoreSchema } from './schema';
import { deletePieces, inPieces, newTextId, readPieces, writePieces } from './text-pieces';

type ResultRow = Omit<Selectable<ResultsTable>, 'detail' | 'detail_text' | 'detail_pieces'>;

function toRecord(row: ResultRow): Omit<ResultRecord, 'detail'> {
  return {
    id: row.id,
    orgId: row.org_id,
    queryKey: row.query_key,
    payload: row.payload,
    fetchedAt: row.fetched_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Payloads are TEXT in both dialects: written and read whole, never queried inside. A detail
 * given in pieces is stored in pieces (text-pieces.ts), in the transaction that writes its row.
 */
export function createResultRepository(db: Kysely<StoreSchema>): ResultRepository {
  // The cache lookup of every create and the read of every finished poll: built once.
  const selectFresh = precompile(db, (orgId: string, queryKey: string, now: number) =>
    db
      .selectFrom('cost_query_results')
      .select(['id', 'fetched_at'])
      .where('org_id', '=', orgId)
      .where('query_key', '=', queryKey)
      .where('expires_at', '>', now)
      .orderBy('fetched_at', 'desc')
      // A literal: SQLite plans `LIMIT ?` worse (measured: twice the CPU of `LIMIT 1`).
      .limit(sql.lit(1)),
  );
  const selectResult = precompile(db, (id: string) =>
    db
      .selectFrom('cost_query_results')
      .select(['id', 'org_id', 'query_key', 'payload', 'fetched_at', 'expires_at'])
      .where('id', '=', id),
  );

  return {
    async insert(r) {
      const row = {
        id: r.id,
        org_id: r.orgId,
        query_key: r.queryKey,
        payload: r.payload,
        fetched_at: r.fetchedAt,
        expires_at: r.expiresAt,
      };
      if (r.detail === undefined || !inPieces(r.detail)) {
        await db
          .insertInto('cost_query_results')
          .values({ ...row, detail: r.detail ?? null })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        return;
      }
      const { pieces } = r.detail;
      await db.transaction().execute(async (tx) => {
        // Kept as it is (idempotent): its pieces are not even made.
        if (await exists(tx, r.id)) return;
        const textId = newTextId();
        const count = await writePieces(tx, textId, pieces);
        const { numInsertedOrUpdatedRows } = await tx
          .insertInto('cost_query_results')
          .values({ ...row, detail: null, detail_text: textId, detail_pieces: count })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        // Another replica stored it meanwhile (PostgreSQL): its text stays, these pieces go.
        if (Number(numInsertedOrUpdatedRows ?? 0) === 0) await deletePieces(tx, [textId]);
      });
    },
    has: (id) => exists(db, id),
    async findFresh(orgId, queryKey, now) {
      const [row] = await selectFresh(orgId, queryKey, now);
      return row ? { id: row.id, fetchedAt: row.fetched_at } : undefined;
    },
    async get(id) {
      const [row] = await selectResult(id);
      return row ? toRecord(row) : undefined;
    },
    async getDetail(id) {
      const row = await db
        .selectFrom('cost_query_results')
        .select(['detail', 'detail_text', 'detail_pieces'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.detail !== null) return { detail: [row.detail] };
      if (row.detail_text === null) return { detail: null };
      return { detail: readPieces(db, row.detail_text, row.detail_pieces ?? 0) };
    },
    async deleteExpiredUnreferenced(now) {
      // With their pieces, in one transaction: a text never outlives its row.
      return db.transaction().execute(async (tx) => {
        const deleted = await tx
          .deleteFrom('cost_query_results')
          .where('expires_at', '<', now)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('cost_query_jobs as j')
                  .select(sql.lit(1).as('one'))
                  .whereRef('j.result_id', '=', 'cost_query_results.id'),
              ),
            ),
          )
          .returning('detail_text')
          .execute();
        await deletePieces(
          tx,
          deleted.map((r) => r.detail_text),
        );
        return deleted.length;
      });
    },
  };
}

async function exists(db: Kysely<StoreSchema>, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('cost_query_results')
    .select(sql.lit(1).as('one'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

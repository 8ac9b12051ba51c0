import type { Kysely, Selectable } from 'kysely';
import type { ResultRecord, ResultRepository } from './job-types';
import { sql } from './kysely';
import { precompile } from './precompiled';
import type { ResultsTable, StoreSchema } from './schema';

function toRecord(row: Omit<Selectable<ResultsTable>, 'detail'>): Omit<ResultRecord, 'detail'> {
  return {
    id: row.id,
    orgId: row.org_id,
    queryKey: row.query_key,
    payload: row.payload,
    fetchedAt: row.fetched_at,
    expiresAt: row.expires_at,
  };
}

/** Payloads are TEXT in both dialects: they are written and read whole, never queried inside. */
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
      await db
        .insertInto('cost_query_results')
        .values({
          id: r.id,
          org_id: r.orgId,
          query_key: r.queryKey,
          payload: r.payload,
          detail: r.detail ?? null,
          fetched_at: r.fetchedAt,
          expires_at: r.expiresAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    async has(id) {
      const row = await db
        .selectFrom('cost_query_results')
        .select(sql.lit(1).as('one'))
        .where('id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },
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
        .select('detail')
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { detail: row.detail };
    },
    async deleteExpiredUnreferenced(now) {
      const { numDeletedRows } = await db
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
        .executeTakeFirst();
      return Number(numDeletedRows);
    },
  };
}

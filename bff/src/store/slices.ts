import type { Kysely } from 'kysely';
import { monthEndMs } from '../contract/months';
import type { SliceRecord, SliceRepository } from './job-types';
import type { StoreSchema } from './schema';

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits (7 per row). */
const BATCH = 500;

/** Month slices of results. Payloads are TEXT in both dialects, written and read whole. */
export function createSliceRepository(db: Kysely<StoreSchema>): SliceRepository {
  /** Which of `months` have a slice for the key (unexpired at `now`, when given): no payloads. */
  const monthsOf = async (sliceKey: string, months: readonly string[], now?: number) => {
    if (months.length === 0) return [];
    let query = db
      .selectFrom('cost_query_slices')
      .select(['month', 'fetched_at'])
      .where('slice_key', '=', sliceKey)
      .where('month', 'in', [...months]);
    if (now !== undefined) query = query.where('expires_at', '>', now);
    const rows = await query.execute();
    return rows.map((r) => ({ month: r.month, fetchedAt: r.fetched_at }));
  };
  return {
    async upsert(slices) {
      for (let i = 0; i < slices.length; i += BATCH) {
        const values = slices.slice(i, i + BATCH).map((s) => ({
          slice_key: s.sliceKey,
          month: s.month,
          org_id: s.orgId,
          organizations: [...s.organizations].sort().join(','),
          payload: s.payload,
          fetched_at: s.fetchedAt,
          expires_at: s.expiresAt,
        }));
        await db
          .insertInto('cost_query_slices')
          .values(values)
          .onConflict((oc) =>
            oc
              .columns(['slice_key', 'month'])
              .doUpdateSet((eb) => ({
                payload: eb.ref('excluded.payload'),
                org_id: eb.ref('excluded.org_id'),
                organizations: eb.ref('excluded.organizations'),
                fetched_at: eb.ref('excluded.fetched_at'),
                expires_at: eb.ref('excluded.expires_at'),
              }))
              // An answer that finished earlier never overwrites a later one.
              .where('excluded.fetched_at', '>=', (eb) => eb.ref('cost_query_slices.fetched_at')),
          )
          .execute();
      }
    },
    findFresh: (sliceKey, months, now) => monthsOf(sliceKey, months, now),
    async get(sliceKey, months) {
      if (months.length === 0) return [];
      const rows = await db
        .selectFrom('cost_query_slices')
        .selectAll()
        .where('slice_key', '=', sliceKey)
        .where('month', 'in', [...months])
        .execute();
      return rows.map((r): SliceRecord => ({
        sliceKey: r.slice_key,
        month: r.month,
        orgId: r.org_id,
        organizations: r.organizations === '' ? [] : r.organizations.split(','),
        payload: r.payload,
        fetchedAt: r.fetched_at,
        expiresAt: r.expires_at,
      }));
    },
    findKept: (sliceKey, months) => monthsOf(sliceKey, months),
    async oldestKept(orgId) {
      // Per list and month, the newest fetch: a month counts once it was fetched after it closed.
      const rows = await db
        .selectFrom('cost_query_slices')
        .select((eb) => ['organizations', 'month', eb.fn.max('fetched_at').as('fetched_at')])
        .where('org_id', '=', orgId)
        .groupBy(['organizations', 'month'])
        .execute();
      const oldest = new Map<string, string>();
      for (const r of rows) {
        if (Number(r.fetched_at) < monthEndMs(r.month)) continue;
        const known = oldest.get(r.organizations);
        if (known === undefined || r.month < known) oldest.set(r.organizations, r.month);
      }
      return [...oldest].map(([organizations, month]) => ({
        organizations: organizations === '' ? [] : organizations.split(','),
        month,
      }));
    },
    async deleteExpired(time, fromMonth) {
      const { numDeletedRows } = await db
        .deleteFrom('cost_query_slices')
        .where('expires_at', '<', time)
        .where('month', '>=', fromMonth)
        .executeTakeFirst();
      return Number(numDeletedRows);
    },
    async deleteMonthsBefore(month, orgId) {
      let query = db.deleteFrom('cost_query_slices').where('month', '<', month);
      if (orgId !== undefined) query = query.where('org_id', '=', orgId);
      const { numDeletedRows } = await query.executeTakeFirst();
      return Number(numDeletedRows);
    },
  };
}

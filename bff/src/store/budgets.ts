import type { Kysely } from 'kysely';
import type { DialectFragments } from './dialect';
import type { StoreSchema } from './schema';

/**
 * A token bucket as one time: `full_at` is when the bucket is full again if nobody spends, so
 * it holds (full_at − now) / intervalMs spent tokens. Taking one moves full_at on by intervalMs,
 * allowed while full_at stays within `burstMs` (capacity · intervalMs) of now. Integers only,
 * the same arithmetic in both dialects, and the check and the spend are one statement.
 */
export interface BucketRule {
  /** One call comes back every intervalMs (60,000 / refill per minute, rounded up). */
  intervalMs: number;
  /** capacity · intervalMs: how far ahead of now full_at may run. */
  burstMs: number;
}

export interface BudgetRepository {
  /** Spends one call of `orgId`'s bucket: 0 when allowed, else the ms to wait (nothing spent). */
  take(orgId: string, now: number, rule: BucketRule): Promise<number>;
  /** Atlas said 429: no replica calls for `orgId` before `untilMs`, and the bucket is empty now. */
  pause(orgId: string, now: number, untilMs: number, rule: BucketRule): Promise<void>;
  /** Deletes rows that are full again and not paused: a missing row is exactly that bucket. */
  deleteFull(now: number): Promise<number>;
  /** How many organizations have a row (bounded-work tests read it). */
  count(): Promise<number>;
}

export function createBudgetRepository(
  db: Kysely<StoreSchema>,
  dialect: DialectFragments,
): BudgetRepository {
  /** 0 (spent), the wait, or undefined when the row changed under us. */
  const takeOnce = async (orgId: string, now: number, { intervalMs, burstMs }: BucketRule) => {
    // One statement: PostgreSQL locks the row and re-checks the WHERE on the newest version,
    // so concurrent replicas never both spend the last token. (SQLite has one writer.)
    const spent = await db
      .updateTable('atlas_budgets')
      .set((eb) => ({
        full_at: eb(dialect.greatest(eb.ref('full_at'), eb.val(now)), '+', intervalMs),
      }))
      .where('org_id', '=', orgId)
      .where('paused_until', '<=', now)
      .where((eb) =>
        eb(
          eb(dialect.greatest(eb.ref('full_at'), eb.val(now)), '+', intervalMs),
          '<=',
          now + burstMs,
        ),
      )
      .returning('org_id')
      .executeTakeFirst();
    if (spent) return 0;
    // No row is a full bucket: the first call of an organization (or after pruning) creates it.
    const created = await db
      .insertInto('atlas_budgets')
      .values({ org_id: orgId, full_at: now + intervalMs, paused_until: 0 })
      .onConflict((oc) => oc.column('org_id').doNothing())
      .returning('org_id')
      .executeTakeFirst();
    if (created) return 0;
    const row = await db
      .selectFrom('atlas_budgets')
      .select(['full_at', 'paused_until'])
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.paused_until > now) return row.paused_until - now;
    const wait = Math.max(row.full_at, now) + intervalMs - burstMs - now;
    return wait > 0 ? wait : undefined;
  };

  return {
    async take(orgId, now, rule) {
      // Another replica may create or prune the row between these statements: then look again
      // (twice at most; a bucket that keeps changing under us is a busy one, so wait a little).
      for (let attempt = 0; attempt < 3; attempt++) {
        const wait = await takeOnce(orgId, now, rule);
        if (wait !== undefined) return wait;
      }
      return 1;
    },
    async pause(orgId, now, untilMs, { burstMs }) {
      await db
        .insertInto('atlas_budgets')
        .values({ org_id: orgId, full_at: now + burstMs, paused_until: untilMs })
        .onConflict((oc) =>
          oc.column('org_id').doUpdateSet((eb) => ({
            full_at: dialect.greatest(eb.ref('atlas_budgets.full_at'), eb.ref('excluded.full_at')),
            paused_until: dialect.greatest(
              eb.ref('atlas_budgets.paused_until'),
              eb.ref('excluded.paused_until'),
            ),
          })),
        )
        .execute();
    },
    async deleteFull(now) {
      const { numDeletedRows } = await db
        .deleteFrom('atlas_budgets')
        .where('full_at', '<=', now)
        .where('paused_until', '<=', now)
        .executeTakeFirst();
      return Number(numDeletedRows);
    },
    async count() {
      const row = await db
        .selectFrom('atlas_budgets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

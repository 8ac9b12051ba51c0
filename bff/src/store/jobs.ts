import type { ExpressionBuilder, Kysely, Selectable, Updateable } from 'kysely';
import { flag, fromJson, toJson, type DialectFragments } from './dialect';
import { IN_FLIGHT_PHASES, type JobPatch, type JobRecord, type JobRepository } from './job-types';
import { sql } from './kysely';
import { precompile } from './precompiled';
import type { JobsTable, StoreSchema } from './schema';

type Jobs = ExpressionBuilder<StoreSchema, 'cost_query_jobs'>;

/** Job ids per heartbeat statement. */
const RENEW_SLICE = 500;

/**
 * `phase IN ('queued', 'polling')` with the phases as literals, not parameters: it must read
 * like the partial unique index's own predicate, or PostgreSQL cannot pick that index as the
 * ON CONFLICT arbiter.
 */
const inFlight = (eb: Jobs) =>
  eb(
    'phase',
    'in',
    IN_FLIGHT_PHASES.map((phase) => sql.lit(phase)),
  );

function toRecord(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    queryKey: row.query_key,
    query: fromJson(row.query),
    phase: row.phase,
    token: row.atlas_token,
    watchers: row.watchers,
    createdAt: row.created_at,
    deadlineAt: row.deadline_at,
    nextAttemptAt: row.next_attempt_at,
    pollDelayMs: row.poll_delay_ms,
    failures: row.failures,
    rateLimited: row.rate_limited,
    waitingUntil: row.waiting_until,
    capacityRemaining: row.capacity_remaining,
    capacityLimit: row.capacity_limit,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    error: row.error === null ? null : fromJson(row.error),
    resultId: row.result_id,
    dataFetchedAt: row.data_fetched_at,
    fromCache: flag(row.from_cache),
    finishedAt: row.finished_at,
    part: row.part,
  };
}

/** The columns every new job starts with: which question, for which org, asked when. */
function questionColumns(
  job: Pick<JobRecord, 'id' | 'orgId' | 'queryKey' | 'query' | 'createdAt'>,
) {
  return {
    id: job.id,
    org_id: job.orgId,
    query_key: job.queryKey,
    query: toJson(job.query),
    created_at: job.createdAt,
  };
}

/** Patch field → column, in a fixed order so equal patch shapes give equal SQL text. */
const PATCH_COLUMNS = {
  phase: 'phase',
  token: 'atlas_token',
  nextAttemptAt: 'next_attempt_at',
  pollDelayMs: 'poll_delay_ms',
  failures: 'failures',
  rateLimited: 'rate_limited',
  waitingUntil: 'waiting_until',
  capacityRemaining: 'capacity_remaining',
  capacityLimit: 'capacity_limit',
  leaseOwner: 'lease_owner',
  leaseUntil: 'lease_until',
  error: 'error',
  resultId: 'result_id',
  dataFetchedAt: 'data_fetched_at',
  finishedAt: 'finished_at',
  part: 'part',
  deadlineAt: 'deadline_at',
} as const satisfies Record<keyof JobPatch, keyof JobsTable>;

function toAssignments(patch: JobPatch): Updateable<JobsTable> {
  const set: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
    const value = patch[key as keyof JobPatch];
    if (value === undefined) continue;
    set[column] = key === 'error' && value !== null ? toJson(value) : value;
  }
  return set;
}

/**
 * Every method is one statement, but for the two that touch the watchers (one transaction each).
 * Concurrent `INSERT … ON CONFLICT` on the partial unique index serialize in both engines, so
 * replicas racing on the same question end up on one row.
 */
export function createJobRepository(
  db: Kysely<StoreSchema>,
  dialect: DialectFragments,
): JobRepository {
  // Every poll of a job in flight reads it: built once (see precompiled.ts).
  const selectJob = precompile(db, (id: string) =>
    db.selectFrom('cost_query_jobs').selectAll().where('id', '=', id),
  );

  /** Adds `watcher`'s watch (once) and brings the job's count up to date; returns the job. */
  const watch = async (tx: Kysely<StoreSchema>, jobId: string, watcher: string) => {
    await tx
      .insertInto('cost_query_watchers')
      .values({ job_id: jobId, watcher })
      .onConflict((oc) => oc.columns(['job_id', 'watcher']).doNothing())
      .execute();
    return tx
      .updateTable('cost_query_jobs')
      .set((eb) => ({
        watchers: eb
          .selectFrom('cost_query_watchers')
          .select((c) => c.fn.countAll<number>().as('n'))
          .where('job_id', '=', jobId),
      }))
      .where('id', '=', jobId)
      .returningAll()
      .executeTakeFirstOrThrow();
  };

  return {
    insertOrJoin: (job, watcher) =>
      db.transaction().execute(async (tx) => {
        const upserted = await tx
          .insertInto('cost_query_jobs')
          .values({
            ...questionColumns(job),
            phase: 'queued',
            deadline_at: job.deadlineAt,
            next_attempt_at: job.nextAttemptAt,
            poll_delay_ms: job.pollDelayMs,
            lease_owner: job.leaseOwner,
            lease_until: job.leaseUntil,
            watchers: 0,
          })
          // A no-op update, so the row that exists is returned (and locked until commit).
          .onConflict((oc) =>
            oc
              .columns(['org_id', 'query_key'])
              .where(inFlight)
              .doUpdateSet((eb) => ({ watchers: eb.ref('cost_query_jobs.watchers') })),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        const row = await watch(tx, upserted.id, watcher);
        return { job: toRecord(row), joined: row.id !== job.id };
      }),
    async insertFromCache(job) {
      const row = await db
        .insertInto('cost_query_jobs')
        .values({
          ...questionColumns(job),
          phase: 'done',
          deadline_at: job.createdAt,
          next_attempt_at: job.createdAt,
          poll_delay_ms: 0,
          result_id: job.resultId,
          data_fetched_at: job.dataFetchedAt,
          from_cache: sql.lit(true),
          finished_at: job.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async get(id) {
      const [row] = await selectJob(id);
      return row ? toRecord(row) : undefined;
    },
    async update(id, owner, patch) {
      const assignments = toAssignments(patch);
      if (Object.keys(assignments).length === 0) throw new Error('empty job patch');
      const row = await db
        .updateTable('cost_query_jobs')
        .set(assignments)
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where(inFlight)
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async claimExpired(owner, now, leaseMs, limit) {
      const rows = await db
        .updateTable('cost_query_jobs')
        .set({ lease_owner: owner, lease_until: now + leaseMs })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('cost_query_jobs')
            .select('id')
            .where(inFlight)
            .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)]))
            .orderBy('next_attempt_at')
            .limit(limit)
            .$call(dialect.skipLocked),
        )
        .returningAll()
        .execute();
      return rows.map(toRecord);
    },
    async renew(owner, ids, until) {
      let renewed = 0;
      // In slices, so the statement's parameters stay well below either engine's limit.
      for (let i = 0; i < ids.length; i += RENEW_SLICE) {
        const { numUpdatedRows } = await db
          .updateTable('cost_query_jobs')
          .set({ lease_until: until })
          .where('lease_owner', '=', owner)
          .where('id', 'in', ids.slice(i, i + RENEW_SLICE))
          .where(inFlight)
          .executeTakeFirst();
        renewed += Number(numUpdatedRows);
      }
      return renewed;
    },
    async release(owner) {
      const { numUpdatedRows } = await db
        .updateTable('cost_query_jobs')
        .set({ lease_owner: null, lease_until: null })
        .where('lease_owner', '=', owner)
        .where(inFlight)
        .executeTakeFirst();
      return Number(numUpdatedRows);
    },
    leave: (id, orgId, watcher, now) =>
      db.transaction().execute(async (tx) => {
        const { numDeletedRows } = await tx
          .deleteFrom('cost_query_watchers')
          .where('job_id', '=', id)
          .where('watcher', '=', watcher)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('cost_query_jobs as j')
                .select(sql.lit(1).as('one'))
                .where('j.id', '=', id)
                .where('j.org_id', '=', orgId),
            ),
          )
          .executeTakeFirst();
        const left = numDeletedRows > 0n;
        // The count and the cancel are one statement: a watch added meanwhile keeps the job.
        const row = await tx
          .updateTable('cost_query_jobs')
          .set((eb) => {
            const remaining = eb
              .selectFrom('cost_query_watchers')
              .select((c) => c.fn.countAll<number>().as('n'))
              .where('job_id', '=', id);
            const last = eb.and([eb(remaining, '=', sql.lit(0)), inFlight(eb)]);
            // (`eb.val`: CASE … THEN would inline a bare value into the SQL text.)
            return {
              watchers: remaining,
              phase: eb
                .case()
                .when(last)
                .then(sql.lit('cancelled' as const))
                .else(eb.ref('phase'))
                .end(),
              finished_at: eb.case().when(last).then(eb.val(now)).else(eb.ref('finished_at')).end(),
              lease_owner: eb.case().when(last).then(null).else(eb.ref('lease_owner')).end(),
              // A cancelled job keeps no Atlas token, like a finished one.
              atlas_token: eb.case().when(last).then(null).else(eb.ref('atlas_token')).end(),
            };
          })
          .where('id', '=', id)
          .where('org_id', '=', orgId)
          .where('phase', '<>', 'cancelled')
          .returning('phase')
          .executeTakeFirst();
        return row && { phase: row.phase, left };
      }),
    async countInFlight(orgId) {
      const row = await db
        .selectFrom('cost_query_jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where(inFlight)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async deleteFinishedBefore(time) {
      const { numDeletedRows } = await db
        .deleteFrom('cost_query_jobs')
        .where('finished_at', 'is not', null)
        .where('finished_at', '<', time)
        .executeTakeFirst();
      return Number(numDeletedRows);
    },
  };
}

import type pg from 'pg';
import { IN_FLIGHT_SQL, JOB_COLUMNS, patchAssignments, toJobRecord, type JobRow } from './job-rows';
import type { JobRecord, JobRepository } from './job-types';

/**
 * Every method is one statement. Concurrent `INSERT … ON CONFLICT` on the partial unique index
 * serialize in PostgreSQL, so replicas racing on the same question end up on one row; claims
 * use `FOR UPDATE SKIP LOCKED` so two replicas never take over the same job.
 */
export function createPostgresJobRepository(pool: pg.Pool): JobRepository {
  const rows = async (sql: string, values: unknown[]) =>
    (await pool.query<JobRow>(sql, values)).rows;
  const one = async (sql: string, values: unknown[]) => (await rows(sql, values))[0];

  return {
    async insertOrJoin(job) {
      const row = await one(
        `INSERT INTO cost_query_jobs (id, org_id, query_key, query, phase, created_at, deadline_at,
           next_attempt_at, poll_delay_ms, lease_owner, lease_until)
         VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, $8, $9, $10)
         ON CONFLICT (org_id, query_key) WHERE phase IN ${IN_FLIGHT_SQL}
         DO UPDATE SET watchers = cost_query_jobs.watchers + 1
         RETURNING ${JOB_COLUMNS}`,
        [
          job.id,
          job.orgId,
          job.queryKey,
          JSON.stringify(job.query),
          job.createdAt,
          job.deadlineAt,
          job.nextAttemptAt,
          job.pollDelayMs,
          job.leaseOwner,
          job.leaseUntil,
        ],
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      const record = toJobRecord(row);
      return { job: record, joined: record.id !== job.id };
    },
    async insertFromCache(job) {
      const row = await one(
        `INSERT INTO cost_query_jobs (id, org_id, query_key, query, phase, created_at, deadline_at,
           next_attempt_at, poll_delay_ms, result_id, data_fetched_at, from_cache, finished_at)
         VALUES ($1, $2, $3, $4, 'done', $5, $5, $5, 0, $6, $7, TRUE, $5)
         RETURNING ${JOB_COLUMNS}`,
        [
          job.id,
          job.orgId,
          job.queryKey,
          JSON.stringify(job.query),
          job.createdAt,
          job.resultId,
          job.dataFetchedAt,
        ],
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toJobRecord(row);
    },
    async get(id) {
      const row = await one(`SELECT ${JOB_COLUMNS} FROM cost_query_jobs WHERE id = $1`, [id]);
      return row ? toJobRecord(row) : undefined;
    },
    async update(id, owner, patch) {
      const { sql, values } = patchAssignments(patch, (i) => `$${i + 2}`);
      if (!sql) throw new Error('empty job patch');
      const row = await one(
        `UPDATE cost_query_jobs SET ${sql}
         WHERE id = $1 AND lease_owner = $2 AND phase IN ${IN_FLIGHT_SQL}
         RETURNING ${JOB_COLUMNS}`,
        [id, owner, ...values],
      );
      return row ? toJobRecord(row) : undefined;
    },
    async claimExpired(owner, now, leaseMs, limit) {
      const claimed = await rows(
        `UPDATE cost_query_jobs SET lease_owner = $1, lease_until = GREATEST(next_attempt_at, $2) + $3
         WHERE id IN (
           SELECT id FROM cost_query_jobs
           WHERE phase IN ${IN_FLIGHT_SQL} AND (lease_until IS NULL OR lease_until < $2)
           ORDER BY next_attempt_at LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING ${JOB_COLUMNS}`,
        [owner, now, leaseMs, limit],
      );
      return claimed.map(toJobRecord);
    },
    async release(owner) {
      const { rowCount } = await pool.query(
        `UPDATE cost_query_jobs SET lease_owner = NULL, lease_until = NULL
         WHERE lease_owner = $1 AND phase IN ${IN_FLIGHT_SQL}`,
        [owner],
      );
      return rowCount ?? 0;
    },
    async leave(id, orgId, now) {
      // Every right-hand side sees the row as it was, so "the last watcher" is watchers <= 1.
      const last = `watchers <= 1 AND phase IN ${IN_FLIGHT_SQL}`;
      const result = await pool.query<{ phase: JobRecord['phase'] }>(
        `UPDATE cost_query_jobs SET
           watchers = GREATEST(watchers - 1, 0),
           phase = CASE WHEN ${last} THEN 'cancelled' ELSE phase END,
           finished_at = CASE WHEN ${last} THEN $3 ELSE finished_at END,
           lease_owner = CASE WHEN ${last} THEN NULL ELSE lease_owner END
         WHERE id = $1 AND org_id = $2 AND phase <> 'cancelled'
         RETURNING phase`,
        [id, orgId, now],
      );
      return result.rows[0]?.phase;
    },
    async deleteFinishedBefore(time) {
      const { rowCount } = await pool.query(
        'DELETE FROM cost_query_jobs WHERE finished_at IS NOT NULL AND finished_at < $1',
        [time],
      );
      return rowCount ?? 0;
    },
  };
}

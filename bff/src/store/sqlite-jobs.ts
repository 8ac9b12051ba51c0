import type Database from 'better-sqlite3';
import { IN_FLIGHT_SQL, JOB_COLUMNS, patchAssignments, toJobRecord, type JobRow } from './job-rows';
import type { JobRecord, JobRepository } from './job-types';

/** Runs a synchronous driver call behind the async interface; a throw becomes a rejection. */
const promised = <T>(fn: () => T) => new Promise<T>((resolve) => resolve(fn()));

/**
 * better-sqlite3 is synchronous and SQLite has one writer, so each statement below is atomic on
 * its own; the partial unique index still guards "one in-flight job per question".
 */
export function createSqliteJobRepository(db: Database.Database): JobRepository {
  const insertOrJoin = db.prepare<unknown[], JobRow>(
    `INSERT INTO cost_query_jobs (id, org_id, query_key, query, phase, created_at, deadline_at,
       next_attempt_at, poll_delay_ms, lease_owner, lease_until)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id, query_key) WHERE phase IN ${IN_FLIGHT_SQL}
     DO UPDATE SET watchers = watchers + 1
     RETURNING ${JOB_COLUMNS}`,
  );
  const insertFromCache = db.prepare<unknown[], JobRow>(
    `INSERT INTO cost_query_jobs (id, org_id, query_key, query, phase, created_at, deadline_at,
       next_attempt_at, poll_delay_ms, result_id, data_fetched_at, from_cache, finished_at)
     VALUES (?, ?, ?, ?, 'done', ?, ?, ?, 0, ?, ?, 1, ?)
     RETURNING ${JOB_COLUMNS}`,
  );
  const get = db.prepare<[string], JobRow>(
    `SELECT ${JOB_COLUMNS} FROM cost_query_jobs WHERE id = ?`,
  );
  const claim = db.prepare<unknown[], JobRow>(
    `UPDATE cost_query_jobs SET lease_owner = ?, lease_until = max(next_attempt_at, ?) + ?
     WHERE id IN (
       SELECT id FROM cost_query_jobs
       WHERE phase IN ${IN_FLIGHT_SQL} AND (lease_until IS NULL OR lease_until < ?)
       ORDER BY next_attempt_at LIMIT ?)
     RETURNING ${JOB_COLUMNS}`,
  );
  const release = db.prepare<[string]>(
    `UPDATE cost_query_jobs SET lease_owner = NULL, lease_until = NULL
     WHERE lease_owner = ? AND phase IN ${IN_FLIGHT_SQL}`,
  );
  // Every right-hand side sees the row as it was, so "the last watcher" is watchers <= 1.
  const leave = db.prepare<unknown[], { phase: JobRecord['phase'] }>(
    `UPDATE cost_query_jobs SET
       watchers = max(watchers - 1, 0),
       phase = CASE WHEN watchers <= 1 AND phase IN ${IN_FLIGHT_SQL} THEN 'cancelled' ELSE phase END,
       finished_at = CASE WHEN watchers <= 1 AND phase IN ${IN_FLIGHT_SQL} THEN ? ELSE finished_at END,
       lease_owner = CASE WHEN watchers <= 1 AND phase IN ${IN_FLIGHT_SQL} THEN NULL ELSE lease_owner END
     WHERE id = ? AND org_id = ? AND phase <> 'cancelled'
     RETURNING phase`,
  );
  const deleteFinished = db.prepare<[number]>(
    'DELETE FROM cost_query_jobs WHERE finished_at IS NOT NULL AND finished_at < ?',
  );
  const updates = new Map<string, Database.Statement<unknown[], JobRow>>();

  return {
    insertOrJoin: (job) =>
      promised(() => {
        const row = insertOrJoin.get(
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
        );
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        const record = toJobRecord(row);
        return { job: record, joined: record.id !== job.id };
      }),
    insertFromCache: (job) =>
      promised(() => {
        const row = insertFromCache.get(
          job.id,
          job.orgId,
          job.queryKey,
          JSON.stringify(job.query),
          job.createdAt,
          job.createdAt,
          job.createdAt,
          job.resultId,
          job.dataFetchedAt,
          job.createdAt,
        );
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        return toJobRecord(row);
      }),
    get: (id) =>
      promised(() => {
        const row = get.get(id);
        return row ? toJobRecord(row) : undefined;
      }),
    update: (id, owner, patch) =>
      promised(() => {
        const { sql, values } = patchAssignments(patch, () => '?');
        if (!sql) throw new Error('empty job patch');
        const text = `UPDATE cost_query_jobs SET ${sql}
          WHERE id = ? AND lease_owner = ? AND phase IN ${IN_FLIGHT_SQL} RETURNING ${JOB_COLUMNS}`;
        let statement = updates.get(text);
        if (!statement) {
          statement = db.prepare<unknown[], JobRow>(text);
          updates.set(text, statement);
        }
        const row = statement.get(...values, id, owner);
        return row ? toJobRecord(row) : undefined;
      }),
    claimExpired: (owner, now, leaseMs, limit) =>
      promised(() => claim.all(owner, now, leaseMs, now, limit).map(toJobRecord)),
    release: (owner) => promised(() => release.run(owner).changes),
    leave: (id, orgId, now) => promised(() => leave.get(now, id, orgId)?.phase),
    deleteFinishedBefore: (time) => promised(() => deleteFinished.run(time).changes),
  };
}

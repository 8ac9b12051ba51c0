/**
 * Migration 2: query jobs and the result cache. Times are epoch milliseconds.
 * The partial unique index is what makes "one Atlas query per question" hold across replicas:
 * at most one in-flight job per (org, normalized query); finished jobs leave the index.
 */
import type { Migration } from './migrations';
import type { SchemaTypes } from './schema-types';

const IN_FLIGHT = "phase IN ('queued', 'polling')";

export const jobsMigration = (t: SchemaTypes): Migration => ({
  id: 2,
  name: 'cost query jobs and result cache',
  sql: `
    CREATE TABLE cost_query_results (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      query_key TEXT NOT NULL,
      payload TEXT NOT NULL,
      fetched_at ${t.epochMs} NOT NULL,
      expires_at ${t.epochMs} NOT NULL
    )${t.strict};
    CREATE INDEX cost_query_results_lookup ON cost_query_results (org_id, query_key, expires_at);

    CREATE TABLE cost_query_jobs (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      query_key TEXT NOT NULL,
      query ${t.json('query')},
      phase TEXT NOT NULL CHECK (phase IN ('queued', 'polling', 'done', 'failed', 'cancelled')),
      atlas_token TEXT,
      watchers INTEGER NOT NULL DEFAULT 1,
      created_at ${t.epochMs} NOT NULL,
      deadline_at ${t.epochMs} NOT NULL,
      next_attempt_at ${t.epochMs} NOT NULL,
      poll_delay_ms INTEGER NOT NULL,
      failures INTEGER NOT NULL DEFAULT 0,
      rate_limited INTEGER NOT NULL DEFAULT 0,
      waiting_until ${t.epochMs},
      capacity_remaining INTEGER,
      capacity_limit INTEGER,
      lease_owner TEXT,
      lease_until ${t.epochMs},
      error ${t.nullableJson('error')},
      result_id TEXT REFERENCES cost_query_results (id),
      data_fetched_at ${t.epochMs},
      from_cache ${t.falseFlag},
      finished_at ${t.epochMs}
    )${t.strict};
    CREATE UNIQUE INDEX cost_query_jobs_in_flight
      ON cost_query_jobs (org_id, query_key) WHERE ${IN_FLIGHT};
    CREATE INDEX cost_query_jobs_lease ON cost_query_jobs (lease_until) WHERE ${IN_FLIGHT};
    CREATE INDEX cost_query_jobs_finished ON cost_query_jobs (finished_at)
      WHERE finished_at IS NOT NULL;
    CREATE INDEX cost_query_jobs_result ON cost_query_jobs (result_id);
  `,
});

/**
 * Migration 3: who watches a job, one row per viewer (the signed-in user, or the client address
 * without sign-in). A DELETE removes only the caller's own watch; the job is cancelled when the
 * last watch goes. `cost_query_jobs.watchers` stays as the count of these rows.
 */
export const watchersMigration = (t: SchemaTypes): Migration => ({
  id: 3,
  name: 'cost query watchers, one per viewer',
  sql: `
  CREATE TABLE cost_query_watchers (
    job_id TEXT NOT NULL REFERENCES cost_query_jobs (id) ON DELETE CASCADE,
    watcher TEXT NOT NULL,
    PRIMARY KEY (job_id, watcher)
  )${t.strict};
`,
});

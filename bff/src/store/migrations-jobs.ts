/**
 * Migration 2 of both dialects: query jobs and the result cache. Times are epoch milliseconds.
 * The partial unique index is what makes "one Atlas query per question" hold across replicas:
 * at most one in-flight job per (org, normalized query); finished jobs leave the index.
 */

const IN_FLIGHT = "phase IN ('queued', 'polling')";

export const SQLITE_JOBS_MIGRATION = {
  id: 2,
  name: 'cost query jobs and result cache',
  sql: `
    CREATE TABLE cost_query_results (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      query_key TEXT NOT NULL,
      payload TEXT NOT NULL,
      fetched_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX cost_query_results_lookup ON cost_query_results (org_id, query_key, expires_at);

    CREATE TABLE cost_query_jobs (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      query_key TEXT NOT NULL,
      query TEXT NOT NULL CHECK (json_valid(query)),
      phase TEXT NOT NULL CHECK (phase IN ('queued', 'polling', 'done', 'failed', 'cancelled')),
      atlas_token TEXT,
      watchers INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      deadline_at INTEGER NOT NULL,
      next_attempt_at INTEGER NOT NULL,
      poll_delay_ms INTEGER NOT NULL,
      failures INTEGER NOT NULL DEFAULT 0,
      rate_limited INTEGER NOT NULL DEFAULT 0,
      waiting_until INTEGER,
      capacity_remaining INTEGER,
      capacity_limit INTEGER,
      lease_owner TEXT,
      lease_until INTEGER,
      error TEXT CHECK (error IS NULL OR json_valid(error)),
      result_id TEXT REFERENCES cost_query_results (id),
      data_fetched_at INTEGER,
      from_cache INTEGER NOT NULL DEFAULT 0,
      finished_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX cost_query_jobs_in_flight
      ON cost_query_jobs (org_id, query_key) WHERE ${IN_FLIGHT};
    CREATE INDEX cost_query_jobs_lease ON cost_query_jobs (lease_until) WHERE ${IN_FLIGHT};
    CREATE INDEX cost_query_jobs_finished ON cost_query_jobs (finished_at)
      WHERE finished_at IS NOT NULL;
    CREATE INDEX cost_query_jobs_result ON cost_query_jobs (result_id);
  `,
};

export const POSTGRES_JOBS_MIGRATION = {
  id: 2,
  name: 'cost query jobs and result cache',
  sql: `
    CREATE TABLE cost_query_results (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      query_key TEXT NOT NULL,
      payload TEXT NOT NULL,
      fetched_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    );
    CREATE INDEX cost_query_results_lookup ON cost_query_results (org_id, query_key, expires_at);

    CREATE TABLE cost_query_jobs (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      query_key TEXT NOT NULL,
      query JSONB NOT NULL,
      phase TEXT NOT NULL CHECK (phase IN ('queued', 'polling', 'done', 'failed', 'cancelled')),
      atlas_token TEXT,
      watchers INTEGER NOT NULL DEFAULT 1,
      created_at BIGINT NOT NULL,
      deadline_at BIGINT NOT NULL,
      next_attempt_at BIGINT NOT NULL,
      poll_delay_ms INTEGER NOT NULL,
      failures INTEGER NOT NULL DEFAULT 0,
      rate_limited INTEGER NOT NULL DEFAULT 0,
      waiting_until BIGINT,
      capacity_remaining INTEGER,
      capacity_limit INTEGER,
      lease_owner TEXT,
      lease_until BIGINT,
      error JSONB,
      result_id TEXT REFERENCES cost_query_results (id),
      data_fetched_at BIGINT,
      from_cache BOOLEAN NOT NULL DEFAULT FALSE,
      finished_at BIGINT
    );
    CREATE UNIQUE INDEX cost_query_jobs_in_flight
      ON cost_query_jobs (org_id, query_key) WHERE ${IN_FLIGHT};
    CREATE INDEX cost_query_jobs_lease ON cost_query_jobs (lease_until) WHERE ${IN_FLIGHT};
    CREATE INDEX cost_query_jobs_finished ON cost_query_jobs (finished_at)
      WHERE finished_at IS NOT NULL;
    CREATE INDEX cost_query_jobs_result ON cost_query_jobs (result_id);
  `,
};

/**
 * Migration 3: who watches a job, one row per viewer (the signed-in user, or the client address
 * without sign-in). A DELETE removes only the caller's own watch; the job is cancelled when the
 * last watch goes. `cost_query_jobs.watchers` stays as the count of these rows.
 */
const WATCHERS_SQL = (strict: string) => `
  CREATE TABLE cost_query_watchers (
    job_id TEXT NOT NULL REFERENCES cost_query_jobs (id) ON DELETE CASCADE,
    watcher TEXT NOT NULL,
    PRIMARY KEY (job_id, watcher)
  )${strict};
`;

export const SQLITE_WATCHERS_MIGRATION = {
  id: 3,
  name: 'cost query watchers, one per viewer',
  sql: WATCHERS_SQL(' STRICT'),
};

export const POSTGRES_WATCHERS_MIGRATION = {
  id: 3,
  name: 'cost query watchers, one per viewer',
  sql: WATCHERS_SQL(''),
};

import type { JobPatch, JobPhase, JobRecord } from './job-types';

/**
 * Row ↔ record mapping shared by both dialects. PostgreSQL returns BIGINT as strings and JSONB
 * as objects, SQLite returns numbers and text: both are accepted here.
 */
export const JOB_COLUMNS = [
  'id',
  'org_id',
  'query_key',
  'query',
  'phase',
  'atlas_token',
  'watchers',
  'created_at',
  'deadline_at',
  'next_attempt_at',
  'poll_delay_ms',
  'failures',
  'rate_limited',
  'waiting_until',
  'capacity_remaining',
  'capacity_limit',
  'lease_owner',
  'lease_until',
  'error',
  'result_id',
  'data_fetched_at',
  'from_cache',
  'finished_at',
].join(', ');

/** The SQL list of in-flight phases, for WHERE clauses and the partial unique index. */
export const IN_FLIGHT_SQL = "('queued', 'polling')";

export type JobRow = Record<string, unknown>;

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function toJobRecord(row: JobRow): JobRecord {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    queryKey: String(row.query_key),
    query: json(row.query),
    phase: row.phase as JobPhase,
    token: textOrNull(row.atlas_token),
    watchers: num(row.watchers),
    createdAt: num(row.created_at),
    deadlineAt: num(row.deadline_at),
    nextAttemptAt: num(row.next_attempt_at),
    pollDelayMs: num(row.poll_delay_ms),
    failures: num(row.failures),
    rateLimited: num(row.rate_limited),
    waitingUntil: numOrNull(row.waiting_until),
    capacityRemaining: numOrNull(row.capacity_remaining),
    capacityLimit: numOrNull(row.capacity_limit),
    leaseOwner: textOrNull(row.lease_owner),
    leaseUntil: numOrNull(row.lease_until),
    error: row.error === null || row.error === undefined ? null : json(row.error),
    resultId: textOrNull(row.result_id),
    dataFetchedAt: numOrNull(row.data_fetched_at),
    fromCache: row.from_cache === true || row.from_cache === 1,
    finishedAt: numOrNull(row.finished_at),
  };
}

const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
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
};

/**
 * `SET` assignments for a patch, in a stable column order (so prepared statements can be
 * reused), with the placeholder style of the dialect.
 */
export function patchAssignments(
  patch: JobPatch,
  placeholder: (index: number) => string,
): { sql: string; values: unknown[] } {
  const keys = (Object.keys(PATCH_COLUMNS) as Array<keyof JobPatch>).filter(
    (key) => patch[key] !== undefined,
  );
  const values = keys.map((key) =>
    key === 'error' && patch.error !== null ? JSON.stringify(patch.error) : patch[key],
  );
  const sql = keys.map((key, i) => `${PATCH_COLUMNS[key]} = ${placeholder(i + 1)}`).join(', ');
  return { sql, values };
}

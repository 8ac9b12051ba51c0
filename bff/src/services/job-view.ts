import type { CostQueryState } from '../contract';
import type { JobRecord } from '../store/job-types';
import { queryOf } from './job-step';
import type { ErrorBody } from './job-transitions';

const iso = (ms: number) => new Date(ms).toISOString();

/** A browser should not come back sooner than the next upstream call, nor wait over a minute. */
const MAX_RETRY_AFTER_S = 60;

/**
 * How a stored job looks to the browser: the BFF's id, never Atlas's token; waiting and
 * capacity hints while processing; when the data was fetched and whether it came from cache.
 */
export function viewOf(
  job: JobRecord,
  now: number,
  payload?: string,
): { state: CostQueryState; retryAfterSeconds?: number } {
  const base = { id: job.id, orgId: job.orgId, query: queryOf(job), createdAt: iso(job.createdAt) };
  if (job.phase === 'done' && payload !== undefined) {
    return {
      state: {
        ...base,
        status: 'done',
        completedAt: iso(job.finishedAt ?? job.createdAt),
        dataFetchedAt: iso(job.dataFetchedAt ?? job.finishedAt ?? job.createdAt),
        fromCache: job.fromCache,
        result: JSON.parse(payload) as Extract<CostQueryState, { status: 'done' }>['result'],
      },
    };
  }
  if (job.phase === 'failed') {
    return { state: { ...base, status: 'failed', error: job.error as ErrorBody } };
  }
  const waiting = job.waitingUntil !== null && job.waitingUntil > now;
  const capacity =
    job.capacityRemaining !== null && job.capacityLimit !== null
      ? { apiCapacity: { remaining: job.capacityRemaining, limit: job.capacityLimit } }
      : {};
  const untilNextCall = Math.ceil((job.nextAttemptAt - now) / 1000);
  return {
    state: {
      ...base,
      status: 'processing',
      elapsedMs: Math.max(0, now - job.createdAt),
      ...(waiting && job.waitingUntil !== null && { waitingUntil: iso(job.waitingUntil) }),
      ...capacity,
    },
    retryAfterSeconds: Math.min(MAX_RETRY_AFTER_S, Math.max(1, untilNextCall)),
  };
}

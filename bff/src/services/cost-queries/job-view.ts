import type { CostQueryState } from '../../contract';
import type { JobRecord } from '../../store/job-types';
import { monthsOf } from './atlas-query';
import { planOf, type JobQuery } from './job-query';
import type { ErrorBody } from './job-transitions';

const iso = (ms: number) => new Date(ms).toISOString();

/** A browser should not come back sooner than the next upstream call, nor wait over a minute. */
const MAX_RETRY_AFTER_S = 60;

/**
 * How a stored job looks to the browser, as the JSON the route sends: the BFF's id, never
 * Atlas's token; waiting and capacity hints while processing; when the data was fetched and
 * whether it came from cache. A finished job's stored result is spliced in as it is: a
 * 100,000-row payload is never parsed and serialized again for a poll.
 */
export function viewOf(
  job: JobRecord,
  query: JobQuery,
  now: number,
  payload?: string,
): { json: string; retryAfterSeconds?: number } {
  const base = {
    id: job.id,
    orgId: job.orgId,
    query: query.question,
    months: monthsOf(query.atlas),
    organizations: query.atlas.organizations,
    createdAt: iso(job.createdAt),
  };
  if (job.phase === 'done' && payload !== undefined) {
    const head: Omit<Extract<CostQueryState, { status: 'done' }>, 'result'> = {
      ...base,
      status: 'done',
      completedAt: iso(job.finishedAt ?? job.createdAt),
      dataFetchedAt: iso(job.dataFetchedAt ?? job.finishedAt ?? job.createdAt),
      fromCache: job.fromCache,
    };
    return { json: `${JSON.stringify(head).slice(0, -1)},"result":${payload}}` };
  }
  if (job.phase === 'failed') {
    const failed: CostQueryState = { ...base, status: 'failed', error: job.error as ErrorBody };
    return { json: JSON.stringify(failed) };
  }
  const waiting = job.waitingUntil !== null && job.waitingUntil > now;
  const capacity =
    job.capacityRemaining !== null && job.capacityLimit !== null
      ? { apiCapacity: { remaining: job.capacityRemaining, limit: job.capacityLimit } }
      : {};
  const untilNextCall = Math.ceil((job.nextAttemptAt - now) / 1000);
  const total = planOf(query).parts.length;
  const processing: CostQueryState = {
    ...base,
    status: 'processing',
    elapsedMs: Math.max(0, now - job.createdAt),
    ...(waiting && job.waitingUntil !== null && { waitingUntil: iso(job.waitingUntil) }),
    ...capacity,
    ...(total > 1 && { parts: { done: job.part, total } }),
  };
  return {
    json: JSON.stringify(processing),
    retryAfterSeconds: Math.min(MAX_RETRY_AFTER_S, Math.max(1, untilNextCall)),
  };
}

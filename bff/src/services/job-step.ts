import { AtlasApiError, type AtlasUsageResult } from '../atlas';
import { costQueryRequestSchema, type CostQueryRequest } from '../contract';
import type { JobRecord } from '../store/job-types';
import type { CapacityTracker } from './api-capacity';
import type { ApiCapacity } from '../contract';
import { AppError } from '../errors';
import type { AtlasConnections } from './atlas-connections';
import { CircuitOpenError } from './circuit-breaker';
import type { StepOutcome } from './job-transitions';
import type { OrgRateLimiter } from './org-rate-limiter';
import { fromAtlasError, isOutage, isRateLimited } from './upstream-errors';
import { toUsageRows } from './usage-rows';

export interface StepDeps {
  connections: AtlasConnections;
  limiter: OrgRateLimiter;
  capacity: CapacityTracker;
}

export type StepResult = StepOutcome & {
  capacity?: ApiCapacity;
  /** On `done`: the browser-ready result. */
  result?: ReturnType<typeof resultOf>;
};

/** Stored queries were validated on the way in; parsing again keeps a bad row from reaching Atlas. */
export const queryOf = (job: JobRecord): CostQueryRequest =>
  costQueryRequestSchema.parse(job.query);

/**
 * The browser-ready result. Only rows of the organizations the query named survive (a job from
 * before queries always named them keeps every row; only viewers who see everything watch it).
 */
const resultOf = (job: JobRecord, details: Parameters<typeof toUsageRows>[0]) => {
  const named = queryOf(job).organizations;
  const { rows, totals, droppedRows } = toUsageRows(
    details,
    named && named.length > 0 ? new Set(named) : undefined,
  );
  return { usageDetails: rows, totals, droppedRows };
};

/**
 * One upstream call for a job — the create POST while it is queued, a poll once Atlas gave a
 * token — through the org's budget and the circuit breaker, classified for `transition`.
 */
export async function callAtlas(
  job: JobRecord,
  deps: StepDeps,
  signal?: AbortSignal,
): Promise<StepResult> {
  const connection = deps.connections.forOrg(job.orgId);
  if (!connection) {
    // The configuration changed since the job was created: nothing may call Atlas for it now.
    return {
      kind: 'permanent',
      error: new AppError({
        status: 404,
        title: 'Organization not served',
        detail: 'No configured Atlas connection serves this organization any more.',
      }),
    };
  }
  const waitMs = deps.limiter.take(job.orgId);
  if (waitMs > 0) return { kind: 'throttled', waitMs };
  const { token } = job;
  const { atlas, breaker } = connection;
  const attempt = await deps.capacity.observe(() =>
    breaker.execute<{ token: string } | AtlasUsageResult>(() =>
      token === null
        ? atlas.createUsageQuery(job.orgId, queryOf(job), { signal })
        : atlas.getUsageQuery(job.orgId, token, { signal }),
    ),
  );
  const capacity = attempt.capacity ? { capacity: attempt.capacity } : {};
  if ('value' in attempt) {
    const answer = attempt.value;
    if ('token' in answer) return { kind: 'submitted', token: answer.token, ...capacity };
    if (answer.status === 'processing') return { kind: 'processing', ...capacity };
    return { kind: 'done', result: resultOf(job, answer.usageDetails), ...capacity };
  }
  const { error } = attempt;
  if (error instanceof CircuitOpenError) return { kind: 'circuit-open', error };
  // A 429, or a 503 that says when to come back: wait as told, the query stays queued.
  if (
    isRateLimited(error) ||
    (error instanceof AtlasApiError && error.retryAfterMs !== undefined && error.status === 503)
  ) {
    return { kind: 'rate-limited', retryAfterMs: error.retryAfterMs, ...capacity };
  }
  const mapped = fromAtlasError(error);
  return isOutage(error)
    ? { kind: 'transient', error: mapped, ...capacity }
    : { kind: 'permanent', error: mapped, ...capacity };
}

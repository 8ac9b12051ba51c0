import { AtlasApiError, type AtlasUsageResult } from '../../atlas';
import type { JobRecord } from '../../store/job-types';
import type { CapacityTracker } from '../upstream/api-capacity';
import type { ApiCapacity } from '../../contract';
import { AppError } from '../../errors';
import type { AtlasConnections } from '../upstream/atlas-connections';
import { CircuitOpenError } from '../upstream/circuit-breaker';
import type { StepOutcome } from './job-transitions';
import type { OrgBudget } from '../upstream/shared-org-budget';
import { fromAtlasError, isOutage, isRateLimited } from '../upstream/upstream-errors';
import { jobQueryOf, planOf, type JobQuery } from './job-query';
import { partQuery } from './query-plan';
import { toUsageRows } from './usage-rows';

export interface StepDeps {
  connections: AtlasConnections;
  limiter: OrgBudget;
  capacity: CapacityTracker;
}

export type StepResult = StepOutcome & {
  capacity?: ApiCapacity;
  /** On `done`: the browser-ready result. */
  result?: ReturnType<typeof resultOf>;
};

/** The browser-ready result: only rows of the organizations the query named survive. */
const resultOf = (query: JobQuery, details: Parameters<typeof toUsageRows>[0]) => {
  const { rows, totals, droppedRows } = toUsageRows(details, new Set(query.atlas.organizations));
  return { usageDetails: rows, totals, droppedRows };
};

/** A row this version cannot read (see jobQueryOf): failed, never sent to Atlas. */
const unreadable = new AppError({
  status: 410,
  title: 'Query from an earlier version',
  detail: 'This query was started by an earlier version of the dashboard. Run it again.',
});

/**
 * One upstream call for a job — the create POST of its current part while it is queued, a poll
 * once Atlas gave a token — through the org's budget and the circuit breaker, classified for `transition`.
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
  const query = jobQueryOf(job);
  if (!query) return { kind: 'permanent', error: unreadable };
  const waitMs = await deps.limiter.take(job.orgId);
  if (waitMs > 0) return { kind: 'throttled', waitMs };
  const { token } = job;
  const { atlas, breaker } = connection;
  // The part of the plan being asked now: the whole question, for a job of one part.
  const body = partQuery(query.atlas, planOf(query), job.part);
  const attempt = await deps.capacity.observe(() =>
    breaker.execute<{ token: string } | AtlasUsageResult>(() =>
      token === null
        ? atlas.createUsageQuery(job.orgId, body, { signal })
        : atlas.getUsageQuery(job.orgId, token, { signal }),
    ),
  );
  const capacity = attempt.capacity ? { capacity: attempt.capacity } : {};
  if ('value' in attempt) {
    const answer = attempt.value;
    if ('token' in answer) return { kind: 'submitted', token: answer.token, ...capacity };
    if (answer.status === 'processing') return { kind: 'processing', ...capacity };
    return { kind: 'done', result: resultOf(query, answer.usageDetails), ...capacity };
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

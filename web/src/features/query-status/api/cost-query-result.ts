import type { CostQueryDone, CostQueryRequest } from '@ace/bff/contract';
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client';
import { nextPollDelayMs } from '../poll-delay';
import { isReconnectable, pollRetryDelayMs, shouldRetryPoll } from '../reconnect';
import { cancelCostQuery, createCostQuery, fetchCostQueryState } from './cost-query-api';

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Creates a cost query and polls it until Atlas has the result. Aborting (the user went back,
 * or cancelled) tells the BFF to stop polling Atlas too.
 */
export async function runCostQuery(
  orgId: string,
  request: CostQueryRequest,
  signal: AbortSignal,
): Promise<CostQueryDone> {
  const created = await createCostQuery({ orgId, request }, signal);
  const target = { orgId, id: created.id };
  try {
    for (let attempt = 0, failures = 0; ; attempt++) {
      let poll;
      try {
        poll = await fetchCostQueryState(target, signal);
        failures = 0;
      } catch (error) {
        // A BFF restart is not the query's failure: the job lives on in the BFF's store.
        if (signal.aborted || !isReconnectable(error) || !shouldRetryPoll(failures, error)) {
          throw error;
        }
        await wait(pollRetryDelayMs(failures++, error), signal);
        continue;
      }
      const { state, retryAfterSeconds } = poll;
      if (state.status === 'done') return state;
      if (state.status === 'failed') throw new ApiError(state.error);
      await wait(nextPollDelayMs(attempt, retryAfterSeconds), signal);
    }
  } catch (error) {
    if (signal.aborted) cancelCostQuery(target).catch(() => undefined);
    throw error;
  }
}

/** Lists in a different order are the same query: one cache entry. */
function canonical(request: CostQueryRequest): CostQueryRequest {
  const sorted = <T extends string>(values: T[] | undefined) => values && [...values].sort();
  return {
    ...request,
    organizations: sorted(request.organizations),
    projects: sorted(request.projects),
    clusters: sorted(request.clusters),
    services: sorted(request.services),
  };
}

export const costQueryResultKeys = {
  all: ['cost-query-results'] as const,
  of: (orgId: string, request: CostQueryRequest) =>
    ['cost-query-results', orgId, canonical(request)] as const,
};

/**
 * A finished result, cached by the query that produced it: stepping back through a drill-down
 * shows the earlier result at once instead of asking Atlas again. Results of past months do
 * not change within a session; the user re-runs the form to refresh.
 */
export function costQueryResultQueryOptions(orgId: string, request: CostQueryRequest) {
  return queryOptions({
    queryKey: costQueryResultKeys.of(orgId, request),
    queryFn: ({ signal }) => runCostQuery(orgId, request, signal),
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    // A failure is shown with its reason and a Retry button; nothing retries behind the user.
    retry: false,
  });
}

import type { DashboardQuery } from '@ace/bff/contract';
import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query';
import {
  cancelCostQuery,
  costQueryKeys,
  createCostQuery,
  type CostQueryPoll,
  type CostQueryTarget,
} from './cost-query-api';

/** One job for a question: the main run's, or a drill-down step's. */
export interface JobRequest {
  query: DashboardQuery;
  /** Fresh data from Atlas instead of the BFF's result cache (the Refresh button). */
  refresh?: boolean;
  /**
   * The same attempt at the same question is the same job (stepping back through a drill-down
   * shows its result at once); Retry, or another run from the form, is a new attempt.
   */
  attempt: number;
}

/** Lists in a different order are the same question; the view does not change the job. */
function canonical(query: DashboardQuery): DashboardQuery {
  const sorted = <T extends string>(values: readonly T[]) => [...values].sort();
  const { filters } = query;
  return {
    ...query,
    filters: {
      organizations: sorted(filters.organizations),
      projects: sorted(filters.projects),
      clusters: sorted(filters.clusters),
      services: sorted(filters.services),
    },
    view: {},
  };
}

export const costQueryJobKeys = {
  all: ['cost-query-jobs'] as const,
  of: (request: JobRequest) =>
    [
      'cost-query-jobs',
      canonical(request.query),
      { refresh: request.refresh ?? false, attempt: request.attempt },
    ] as const,
};

/**
 * Creates the job (POST) once per request; its id is then polled with
 * costQueryStateQueryOptions. The POST is not aborted with the query: when the page abandons a
 * job while it is being created, the answer's id is what lets the BFF stop it.
 */
export function costQueryJobQueryOptions(request: JobRequest | null) {
  return queryOptions({
    queryKey: request ? costQueryJobKeys.of(request) : [...costQueryJobKeys.all, 'none'],
    queryFn: request
      ? async ({ signal }): Promise<CostQueryTarget> => {
          const created = await createCostQuery(request);
          const target = { orgId: request.query.orgId, id: created.id };
          if (signal.aborted) cancelCostQuery(target).catch(() => undefined);
          return target;
        }
      : skipToken,
    // A POST is never repeated behind the user's back: a new attempt is a new key.
    staleTime: Infinity,
    // A failed create has no data, which react-query counts as stale whatever staleTime says:
    // an observer switching to it (the run's watcher when a quick 503 beat the render that
    // switches it, or a drill-down step shown again) would POST again. Off once failed; Retry
    // is a new attempt, so a new key that starts enabled.
    enabled: (query) => query.state.status !== 'error',
    gcTime: 30 * 60_000,
    retry: false,
    retryOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/**
 * Called once nothing may watch `request`'s job any more (checked after the render that let it
 * go, so StrictMode's second mount, or the same step shown again, still counts as watching). A
 * job still running is cancelled on the BFF and forgotten here, so asking again starts afresh.
 */
export function abandonIfUnwatched(queryClient: QueryClient, request: JobRequest): void {
  const cache = queryClient.getQueryCache();
  const jobKey = costQueryJobKeys.of(request);
  const job = cache.find<CostQueryTarget>({ queryKey: jobKey, exact: true });
  if (!job || job.getObserversCount() > 0) return;
  const target = job.state.data;
  if (!target) {
    // Still being created: the POST's answer cancels it (see the queryFn above).
    if (job.state.fetchStatus === 'fetching') {
      void queryClient.cancelQueries({ queryKey: jobKey, exact: true });
    }
    return;
  }
  const stateKey = costQueryKeys.state(target);
  const poll = cache.find<CostQueryPoll>({ queryKey: stateKey, exact: true });
  if (poll && poll.getObserversCount() > 0) return;
  const status = poll?.state.data?.state.status;
  if (status === 'done' || status === 'failed') return;
  cancelCostQuery(target).catch(() => undefined);
  queryClient.removeQueries({ queryKey: stateKey, exact: true });
  queryClient.removeQueries({ queryKey: jobKey, exact: true });
}

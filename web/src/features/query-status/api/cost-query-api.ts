import {
  apiRoutes,
  type CostQueryCreated,
  type CostQueryState,
  type DashboardQuery,
} from '@ace/bff/contract';
import { queryOptions, skipToken } from '@tanstack/react-query';
import { callApi, fetchApi, parseRetryAfter } from '../../../lib/api-client';
import { LONG_POLL_GAP_MS, LONG_POLL_WAIT_S } from '../poll-delay';
import { pollRetryDelayMs, shouldRetryPoll } from '../reconnect';
import { costQueryStateWireSchema } from './cost-query-state-schema';

export interface CostQueryTarget {
  orgId: string;
  id: string;
}

export interface CostQueryPoll {
  state: CostQueryState;
  /** From the `Retry-After` header of a processing answer. */
  retryAfterSeconds: number | undefined;
}

export const costQueryKeys = {
  all: ['cost-queries'] as const,
  state: (target: CostQueryTarget) => ['cost-queries', target.orgId, target.id] as const,
};

/** POSTs the dashboard question as it is; the BFF alone turns it into Atlas's body. */
export async function createCostQuery(
  /** `refresh`: fresh data from Atlas instead of the BFF's result cache. */
  input: { query: DashboardQuery; refresh?: boolean | undefined },
  signal?: AbortSignal,
): Promise<CostQueryCreated> {
  return fetchApi(
    apiRoutes.createCostQuery,
    {
      params: { orgId: input.query.orgId },
      query: { refresh: input.refresh ? 'true' : undefined },
      body: input.query,
    },
    { signal },
  );
}

/** One poll, held by the BFF for up to `waitSeconds` while the query is processing. */
export async function fetchCostQueryState(
  target: CostQueryTarget,
  signal?: AbortSignal,
  waitSeconds = LONG_POLL_WAIT_S,
): Promise<CostQueryPoll> {
  const { data, headers } = await callApi(
    apiRoutes.getCostQuery,
    { params: target, query: { wait: String(waitSeconds) } },
    { signal, schema: costQueryStateWireSchema },
  );
  return { state: data, retryAfterSeconds: parseRetryAfter(headers.get('Retry-After')) };
}

/** Asks the BFF to stop polling Atlas for this query. */
export async function cancelCostQuery(target: CostQueryTarget): Promise<void> {
  await callApi(apiRoutes.cancelCostQuery, { params: target });
}

/**
 * Long-polls until the query is done or failed: each poll is held by the BFF until the query
 * changes, and the next one follows at once. Failed polls back off from 1 s to 5 s (or
 * Retry-After), and a restarting BFF is waited for (see reconnect.ts).
 */
export function costQueryStateQueryOptions(target: CostQueryTarget | null) {
  return queryOptions({
    queryKey: target ? costQueryKeys.state(target) : [...costQueryKeys.all, 'none'],
    queryFn: target ? ({ signal }) => fetchCostQueryState(target, signal) : skipToken,
    // A finished query never changes; only the interval below fetches again.
    staleTime: Infinity,
    // A BFF restart is not a failure: keep asking (with backoff) until the query's deadline.
    retry: shouldRetryPoll,
    retryDelay: pollRetryDelayMs,
    refetchInterval: (query) => {
      const { data, error, fetchStatus, fetchFailureCount } = query.state;
      if (!data || data.state.status !== 'processing') return false;
      // A held poll is out: it answers when something changes (react-query re-reads this then).
      if (fetchStatus === 'fetching') return false;
      // The last poll failed even after its retries: keep the backoff and Retry-After.
      if (error) return pollRetryDelayMs(fetchFailureCount, error);
      return LONG_POLL_GAP_MS;
    },
    // The BFF keeps working while the tab is hidden; keep asking so results are there on return.
    refetchIntervalInBackground: true,
  });
}

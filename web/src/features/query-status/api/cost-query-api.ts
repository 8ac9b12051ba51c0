import {
  costQueryCreatedSchema,
  costQueryStateSchema,
  type CostQueryCreated,
  type CostQueryRequest,
  type CostQueryState,
} from '@ace/bff/contract';
import { queryOptions, skipToken } from '@tanstack/react-query';
import { apiRequest, apiSend, parseRetryAfter, toApiError } from '../../../lib/api-client';
import { nextPollDelayMs } from '../poll-delay';

export interface CostQueryTarget {
  orgId: string;
  id: string;
}

export interface CostQueryPoll {
  state: CostQueryState;
  /** From the `Retry-After` header of a processing answer. */
  retryAfterSeconds: number | undefined;
}

const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/cost-queries`;

export const costQueryKeys = {
  all: ['cost-queries'] as const,
  state: (target: CostQueryTarget) => ['cost-queries', target.orgId, target.id] as const,
};

export async function createCostQuery(input: {
  orgId: string;
  request: CostQueryRequest;
}): Promise<CostQueryCreated> {
  const { data } = await apiRequest(base(input.orgId), costQueryCreatedSchema, {
    method: 'POST',
    body: input.request,
  });
  return data;
}

export async function fetchCostQueryState(
  target: CostQueryTarget,
  signal?: AbortSignal,
): Promise<CostQueryPoll> {
  const path = `${base(target.orgId)}/${encodeURIComponent(target.id)}`;
  const { data, headers } = await apiRequest(path, costQueryStateSchema, { signal });
  return { state: data, retryAfterSeconds: parseRetryAfter(headers.get('Retry-After')) };
}

/** Asks the BFF to stop polling Atlas for this query. */
export function cancelCostQuery(target: CostQueryTarget): Promise<void> {
  return apiSend(`${base(target.orgId)}/${encodeURIComponent(target.id)}`, { method: 'DELETE' });
}

/** Polls until the query is done or failed, backing off from 1 s to 5 s (or Retry-After). */
export function costQueryStateQueryOptions(target: CostQueryTarget | null) {
  return queryOptions({
    queryKey: target ? costQueryKeys.state(target) : [...costQueryKeys.all, 'none'],
    queryFn: target ? ({ signal }) => fetchCostQueryState(target, signal) : skipToken,
    // A finished query never changes; only the interval below fetches again.
    staleTime: Infinity,
    retry: (failureCount, error) => failureCount < 3 && toApiError(error).isTransient,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data || data.state.status !== 'processing') return false;
      return nextPollDelayMs(query.state.dataUpdateCount - 1, data.retryAfterSeconds);
    },
    // The BFF keeps working while the tab is hidden; keep asking so results are there on return.
    refetchIntervalInBackground: true,
  });
}

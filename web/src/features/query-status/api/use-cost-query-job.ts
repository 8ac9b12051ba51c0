import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { toApiError, type ApiError } from '../../../lib/api-client';
import { isReconnectable } from '../reconnect';
import { costQueryStateQueryOptions } from './cost-query-api';
import {
  abandonIfUnwatched,
  costQueryJobKeys,
  costQueryJobQueryOptions,
  type JobRequest,
} from './cost-query-job';
import { runningPhase, type CostQueryRunPhase } from './run-phase';

/**
 * The one job-watching engine: creates the job for `request`, polls it until it is done or
 * failed (backing off, as long as Retry-After asks; reconnecting through a BFF restart), and
 * cancels it once nothing watches it. The main run and every drill-down step use it, so both
 * show the same status panel.
 */
export function useCostQueryJob(
  request: JobRequest | null,
  /** Local epoch ms the request was made: the elapsed time until the BFF reports its own. */
  startedAt: number,
) {
  const queryClient = useQueryClient();
  const created = useQuery(costQueryJobQueryOptions(request));
  const target = request ? (created.data ?? null) : null;
  const poll = useQuery(costQueryStateQueryOptions(target));

  const latest = useRef(request);
  useEffect(() => {
    latest.current = request;
  });
  const key = request ? hashKey(costQueryJobKeys.of(request)) : null;
  useEffect(() => {
    const watched = latest.current;
    if (!key || !watched) return;
    return () => {
      setTimeout(() => abandonIfUnwatched(queryClient, watched), 0);
    };
  }, [key, queryClient]);

  return { phase: derivePhase(), creating: request !== null && created.isFetching };

  function derivePhase(): CostQueryRunPhase {
    if (!request) return { kind: 'idle' };
    if (created.isError) return failedFrom(toApiError(created.error));
    if (!target) return { kind: 'running', since: startedAt };
    if (poll.isError) return failedFrom(toApiError(poll.error));
    const state = poll.data?.state;
    const reconnecting = poll.failureCount > 0 && isReconnectable(poll.failureReason);
    if (!state) return { kind: 'running', since: startedAt, reconnecting };
    if (state.status === 'processing') return runningPhase(state, poll.dataUpdatedAt, reconnecting);
    if (state.status === 'done') {
      return { kind: 'done', result: state, receivedAt: poll.dataUpdatedAt };
    }
    return { kind: 'failed', title: state.error.title, detail: state.error.detail };
  }
}

function failedFrom(error: ApiError): CostQueryRunPhase {
  return { kind: 'failed', title: error.title, detail: error.detail };
}

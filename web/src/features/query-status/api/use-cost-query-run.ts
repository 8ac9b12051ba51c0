import type { CostQueryRequest } from '@ace/bff/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../../../lib/api-client';
import { isReconnectable } from '../reconnect';
import {
  cancelCostQuery,
  costQueryKeys,
  costQueryStateQueryOptions,
  createCostQuery,
  type CostQueryTarget,
} from './cost-query-api';
import { runningPhase, type CostQueryRunPhase } from './run-phase';

export type { CostQueryRunPhase } from './run-phase';

interface RunInput {
  orgId: string;
  request: CostQueryRequest;
  /** Bypass the BFF's result cache (the Refresh button). */
  refresh?: boolean;
}

const isFieldProblem = (error: ApiError) => error.status === 400 && error.errors.length > 0;

/** One query at a time: create, poll, cancel, retry. Starting a new one cancels the old. */
export function useCostQueryRun(clock: () => number = Date.now) {
  const queryClient = useQueryClient();
  const [input, setInput] = useState<RunInput | null>(null);
  const [target, setTarget] = useState<CostQueryTarget | null>(null);
  const [startedAt, setStartedAt] = useState(0);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  // Bumped by every start and cancel, so an answer for an abandoned run is ignored.
  const generation = useRef(0);
  const create = useMutation({ mutationFn: (next: RunInput) => createCostQuery(next) });
  const { mutate: sendCancel } = useMutation({ mutationFn: cancelCostQuery });
  const poll = useQuery(costQueryStateQueryOptions(target));

  const abandon = (current: CostQueryTarget | null) => {
    generation.current += 1;
    if (!current) return;
    void queryClient.cancelQueries({ queryKey: costQueryKeys.state(current) });
    const status = poll.data?.state.status;
    if (status !== 'done' && status !== 'failed') sendCancel(current);
  };

  /** Rejects (only) with a 400 that names fields, when `fieldErrorsToCaller` is set. */
  const run = async (next: RunInput, fieldErrorsToCaller: boolean) => {
    abandon(target);
    const mine = generation.current;
    setInput(next);
    setTarget(null);
    setSubmitError(null);
    setStartedAt(clock());
    try {
      const created = await create.mutateAsync(next);
      if (mine !== generation.current) {
        sendCancel({ orgId: next.orgId, id: created.id }); // cancelled while it was being created
        return;
      }
      setTarget({ orgId: next.orgId, id: created.id });
    } catch (error) {
      if (mine !== generation.current) return;
      const apiError = toApiError(error);
      if (fieldErrorsToCaller && isFieldProblem(apiError)) {
        setInput(null);
        throw apiError;
      }
      setSubmitError(apiError);
    }
  };

  // `start` keeps one identity for the page's lifetime, so the form (memoized, and costly with
  // thousands of clusters in its pickers) does not re-render on every poll.
  const latestRun = useRef(run);
  useEffect(() => {
    latestRun.current = run;
  });
  const start = useCallback(
    (orgId: string, request: CostQueryRequest) => latestRun.current({ orgId, request }, true),
    [],
  );

  const phase = derivePhase();
  function derivePhase(): CostQueryRunPhase {
    if (!input) return { kind: 'idle' };
    if (submitError) return failedFrom(submitError);
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

  return {
    phase,
    /** True while the POST is in flight (the form's button shows a spinner). */
    submitting: create.isPending,
    start,
    retry: () => {
      if (input) void run(input, false);
    },
    /** Runs the same query again with fresh data from Atlas. */
    refresh: () => {
      if (input) void run({ ...input, refresh: true }, false);
    },
    cancel: () => {
      abandon(target);
      setInput(null);
      setTarget(null);
      setSubmitError(null);
    },
  };
}

function failedFrom(error: ApiError): CostQueryRunPhase {
  return { kind: 'failed', title: error.title, detail: error.detail };
}

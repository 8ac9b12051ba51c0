import type { CostQueryDone, CostQueryRequest } from '@ace/bff/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { toApiError, type ApiError } from '../../../lib/api-client';
import {
  cancelCostQuery,
  costQueryKeys,
  costQueryStateQueryOptions,
  createCostQuery,
  type CostQueryTarget,
} from './cost-query-api';

export type CostQueryRunPhase =
  | { kind: 'idle' }
  /** `since`: the local epoch ms at which the query's elapsed time was zero. */
  | { kind: 'running'; since: number }
  | { kind: 'failed'; title: string; detail: string | undefined }
  | { kind: 'done'; result: CostQueryDone };

interface RunInput {
  orgId: string;
  request: CostQueryRequest;
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
  const create = useMutation({ mutationFn: createCostQuery });
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

  const phase = derivePhase();
  function derivePhase(): CostQueryRunPhase {
    if (!input) return { kind: 'idle' };
    if (submitError) return failedFrom(submitError);
    if (!target) return { kind: 'running', since: startedAt };
    if (poll.isError) return failedFrom(toApiError(poll.error));
    const state = poll.data?.state;
    if (!state) return { kind: 'running', since: startedAt };
    if (state.status === 'processing') {
      return { kind: 'running', since: poll.dataUpdatedAt - state.elapsedMs };
    }
    if (state.status === 'done') return { kind: 'done', result: state };
    return { kind: 'failed', title: state.error.title, detail: state.error.detail };
  }

  return {
    phase,
    /** True while the POST is in flight (the form's button shows a spinner). */
    submitting: create.isPending,
    start: (orgId: string, request: CostQueryRequest) => run({ orgId, request }, true),
    retry: () => {
      if (input) void run(input, false);
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

import type { DashboardQuery } from '@ace/bff/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../../../lib/api-client';
import { costQueryJobQueryOptions, type JobRequest } from './cost-query-job';
import { useCostQueryJob } from './use-cost-query-job';

export type { CostQueryRunPhase } from './run-phase';

const isFieldProblem = (error: ApiError) => error.status === 400 && error.errors.length > 0;

/** Every run from the form is a job of its own (the BFF may answer it from its result cache). */
let runs = 0;

/** The form's query: one at a time; starting a new one (or cancelling) abandons the old. */
export function useCostQueryRun(clock: () => number = Date.now) {
  const queryClient = useQueryClient();
  const [run, setRun] = useState<{ request: JobRequest; startedAt: number } | null>(null);
  const job = useCostQueryJob(run?.request ?? null, run?.startedAt ?? 0);

  /** Rejects (only) with a 400 that names fields, when `fieldErrorsToCaller` is set. */
  const begin = async (query: DashboardQuery, refresh: boolean, fieldErrorsToCaller: boolean) => {
    const request: JobRequest = { query, refresh, attempt: ++runs };
    setRun({ request, startedAt: clock() });
    try {
      // The same query the hook observes: one POST, whose 400 the form can show on its fields.
      await queryClient.fetchQuery(costQueryJobQueryOptions(request));
    } catch (error) {
      const apiError = toApiError(error);
      if (fieldErrorsToCaller && isFieldProblem(apiError)) {
        setRun((current) => (current?.request === request ? null : current));
        throw apiError;
      }
      // Anything else is the run's failure: the status panel shows it.
    }
  };

  // `start` keeps one identity for the page's lifetime, so the form (memoized, and costly with
  // thousands of clusters in its pickers) does not re-render on every poll.
  const latestBegin = useRef(begin);
  useEffect(() => {
    latestBegin.current = begin;
  });
  const start = useCallback((query: DashboardQuery) => latestBegin.current(query, false, true), []);

  return {
    phase: job.phase,
    /** True while the POST is in flight (the form's button shows a spinner). */
    submitting: job.creating,
    start,
    retry: () => {
      if (run) void begin(run.request.query, run.request.refresh ?? false, false);
    },
    /** Runs the same query again with fresh data from Atlas. */
    refresh: () => {
      if (run) void begin(run.request.query, true, false);
    },
    cancel: () => setRun(null),
  };
}

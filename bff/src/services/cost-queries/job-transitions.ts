import type { JobPatch, JobRecord } from '../../store/job-types';
import type { AppError } from '../../errors';
import { firstPollDelayMs, nextPollDelayMs, type PollSchedule } from './poll-schedule';

/** What one upstream step of a job came to. */
export type StepOutcome =
  | { kind: 'submitted'; token: string }
  | { kind: 'processing' }
  | { kind: 'done' }
  /** Our own per-org budget is spent: nothing was sent. */
  | { kind: 'throttled'; waitMs: number }
  | { kind: 'rate-limited'; retryAfterMs: number | undefined }
  | { kind: 'circuit-open'; error: AppError & { retryInMs: number } }
  | { kind: 'transient'; error: AppError }
  | { kind: 'permanent'; error: AppError };

export interface TransitionSettings {
  poll: PollSchedule;
  /** Consecutive failed calls tolerated before a job fails. */
  maxRetries: number;
  /** Waits after a 429: Retry-After first, then base·2ⁿ up to max (Atlas's own advice). */
  rateLimitWait: { baseMs: number; maxMs: number };
  /** A lease runs this long from its last write or heartbeat (see lease-heartbeat.ts). */
  leaseMs: number;
}

export interface Transition {
  patch: JobPatch;
  /** Set when the job failed: what to tell whoever is waiting. */
  failure?: AppError;
}

export type ErrorBody = { title: string; detail: string; status: number };

export const errorBody = (e: AppError): ErrorBody => ({
  title: e.title,
  detail: e.detail ?? e.title,
  status: e.status,
});

export const failedPatch = (error: AppError, now: number): JobPatch => ({
  phase: 'failed',
  error: errorBody(error),
  finishedAt: now,
  waitingUntil: null,
  token: null,
  leaseOwner: null,
  leaseUntil: null,
});

/**
 * Done: the result is stored under the job's id; the token and the lease are of no more use.
 * `fetchedAt`: when its oldest data came from Atlas (a composed answer reuses kept months).
 */
export const donePatch = (resultId: string, fetchedAt: number, now: number): JobPatch => ({
  phase: 'done',
  resultId,
  dataFetchedAt: fetchedAt,
  finishedAt: now,
  waitingUntil: null,
  token: null,
  leaseOwner: null,
  leaseUntil: null,
});

/**
 * A part finished and the next one is due: asked at once, with the poll schedule, the failure
 * counts and the deadline starting again (each part is one Atlas query of its own).
 */
export const nextPartPatch = (
  part: number,
  now: number,
  settings: TransitionSettings & { deadlineMs: number },
): JobPatch => ({
  part,
  phase: 'queued',
  token: null,
  nextAttemptAt: now,
  pollDelayMs: settings.poll.initialMs,
  failures: 0,
  rateLimited: 0,
  waitingUntil: null,
  deadlineAt: now + settings.deadlineMs,
  leaseUntil: now + settings.leaseMs,
});

/** The wait after the n-th 429 in a row: at least Retry-After, then markedly longer each time. */
export function rateLimitWaitMs(
  consecutive: number,
  retryAfterMs: number | undefined,
  settings: TransitionSettings,
): number {
  const { baseMs, maxMs } = settings.rateLimitWait;
  const growing = consecutive <= 1 ? 0 : baseMs * 2 ** (consecutive - 2);
  const wait = Math.max(retryAfterMs ?? baseMs, growing, settings.poll.initialMs);
  return Math.min(wait, Math.max(maxMs, retryAfterMs ?? 0));
}

/**
 * Pure: how the job changes after `outcome`. In `sync` mode (the create request is waiting for
 * its POST) outages fail at once and reach the caller; in the background they are retried.
 * A wait that would end after the deadline fails the job now with the reason, not later with
 * a vaguer one.
 */
export function transition(
  job: JobRecord,
  outcome: StepOutcome,
  mode: 'sync' | 'background',
  settings: TransitionSettings,
  now: number,
  tooLate: (reason: 'rate-limited' | 'throttled', waitMs: number) => AppError,
): Transition {
  const fail = (error: AppError): Transition => ({
    patch: failedPatch(error, now),
    failure: error,
  });
  const waitFor = (waitMs: number, waiting: boolean, extra: JobPatch = {}): Transition => {
    const at = now + waitMs;
    return {
      patch: {
        ...extra,
        nextAttemptAt: at,
        waitingUntil: waiting ? at : null,
        // Not `at + leaseMs`: the heartbeat keeps it alive through the wait, and a replica
        // that dies during a long wait loses the job after leaseMs, not after the wait.
        leaseUntil: now + settings.leaseMs,
      },
    };
  };
  switch (outcome.kind) {
    case 'submitted': {
      const first = firstPollDelayMs(settings.poll);
      return waitFor(first, false, {
        phase: 'polling',
        token: outcome.token,
        pollDelayMs: first,
        failures: 0,
        rateLimited: 0,
      });
    }
    case 'processing': {
      // Dense while most queries finish, then doubling to the cap (see poll-schedule.ts).
      const delay = nextPollDelayMs(job.pollDelayMs, now - job.createdAt, settings.poll);
      return waitFor(delay, false, { pollDelayMs: delay, failures: 0, rateLimited: 0 });
    }
    case 'done':
      return { patch: {} }; // the runner stores the result and finishes the job
    case 'throttled':
      if (now + outcome.waitMs > job.deadlineAt) return fail(tooLate('throttled', outcome.waitMs));
      return waitFor(outcome.waitMs, true);
    case 'rate-limited': {
      const count = job.rateLimited + 1;
      const waitMs = rateLimitWaitMs(count, outcome.retryAfterMs, settings);
      if (now + waitMs > job.deadlineAt) return fail(tooLate('rate-limited', waitMs));
      return waitFor(waitMs, true, { rateLimited: count });
    }
    case 'circuit-open':
      if (mode === 'sync' || now + outcome.error.retryInMs > job.deadlineAt) {
        return fail(outcome.error);
      }
      return waitFor(Math.max(outcome.error.retryInMs, settings.poll.initialMs), true);
    case 'transient': {
      const failures = job.failures + 1;
      if (mode === 'sync' || failures > settings.maxRetries) return fail(outcome.error);
      const backoff = Math.min(settings.poll.initialMs * 2 ** (failures - 1), settings.poll.maxMs);
      return waitFor(backoff, false, { failures });
    }
    case 'permanent':
      return fail(outcome.error);
  }
}

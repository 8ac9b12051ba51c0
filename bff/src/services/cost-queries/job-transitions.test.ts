import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { JobRecord } from '../../store/job-types';
import { CircuitOpenError } from '../upstream/circuit-breaker';
import { rateLimitWaitMs, transition, type TransitionSettings } from './job-transitions';

const settings: TransitionSettings = {
  // Without the dense phase (poll-schedule.test.ts has it): plain doubling from 1 s.
  poll: { initialMs: 1000, maxMs: 10_000, firstMs: 1000, denseMs: 500, denseForMs: 0 },
  maxRetries: 3,
  rateLimitWait: { baseMs: 10_000, maxMs: 300_000 },
  leaseMs: 25_000,
};
const NOW = 1_000_000;
const job = (extra: Partial<JobRecord> = {}): JobRecord => ({
  id: 'j',
  orgId: 'o',
  queryKey: 'k',
  query: {},
  phase: 'polling',
  token: 'T',
  watchers: 1,
  createdAt: NOW,
  deadlineAt: NOW + 600_000,
  nextAttemptAt: NOW,
  pollDelayMs: 1000,
  failures: 0,
  rateLimited: 0,
  waitingUntil: null,
  capacityRemaining: null,
  capacityLimit: null,
  leaseOwner: 'me',
  leaseUntil: NOW + 1,
  error: null,
  resultId: null,
  dataFetchedAt: null,
  fromCache: false,
  finishedAt: null,
  part: 0,
  ...extra,
});
const tooLate = () => new AppError({ status: 503, title: 'too late' });
const step = (
  j: JobRecord,
  outcome: Parameters<typeof transition>[1],
  mode: 'sync' | 'background' = 'background',
) => transition(j, outcome, mode, settings, NOW, tooLate);

describe('a job after one upstream call', () => {
  it('polls again after 1 s, 2 s, 4 s … up to 10 s while Atlas is processing', () => {
    const delays = [1000, 2000, 4000, 8000].map(
      (pollDelayMs) =>
        step(job({ pollDelayMs }), { kind: 'processing' }).patch.nextAttemptAt! - NOW,
    );
    expect(delays).toEqual([2000, 4000, 8000, 10_000]);
  });

  it('waits Retry-After after a first 429, then 10 s, 20 s, 40 s, and says until when', () => {
    expect([1, 2, 3, 4].map((n) => rateLimitWaitMs(n, 2000, settings))).toEqual([
      2000, 10_000, 20_000, 40_000,
    ]);
    const { patch, failure } = step(job(), { kind: 'rate-limited', retryAfterMs: 2000 });
    expect(failure).toBeUndefined();
    expect(patch).toMatchObject({
      rateLimited: 1,
      waitingUntil: NOW + 2000,
      nextAttemptAt: NOW + 2000,
    });
  });

  it('fails at once, with the reason, when a wait would end after the deadline', () => {
    const { patch, failure } = step(job({ deadlineAt: NOW + 5000 }), {
      kind: 'rate-limited',
      retryAfterMs: 120_000,
    });
    expect(failure?.title).toBe('too late');
    expect(patch.phase).toBe('failed');
  });

  it('retries a failed poll on a backoff, and fails after maxRetries more', () => {
    const error = new AppError({ status: 502, title: 'Atlas is having trouble' });
    expect(step(job({ failures: 1 }), { kind: 'transient', error }).patch).toMatchObject({
      failures: 2,
      nextAttemptAt: NOW + 2000,
    });
    expect(step(job({ failures: 3 }), { kind: 'transient', error }).failure).toBe(error);
  });

  it('fails a create at once on an outage (the request is waiting), but lets a running job wait out an open circuit', () => {
    const open = { kind: 'circuit-open', error: new CircuitOpenError(30_000) } as const;
    expect(step(job({ phase: 'queued', token: null }), open, 'sync').failure).toBeInstanceOf(
      CircuitOpenError,
    );
    const waiting = step(job(), open);
    expect(waiting.failure).toBeUndefined();
    expect(waiting.patch.waitingUntil).toBe(NOW + 30_000);
  });

  it('keeps Atlas’s token only while it is needed: a failed job forgets it and its lease', () => {
    const error = new AppError({ status: 403, title: 'No access' });
    expect(step(job(), { kind: 'permanent', error }).patch).toMatchObject({
      phase: 'failed',
      token: null,
      leaseOwner: null,
      error: { status: 403, title: 'No access', detail: 'No access' },
    });
  });
});

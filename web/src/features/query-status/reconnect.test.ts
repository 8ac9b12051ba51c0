import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import {
  isReconnectable,
  pollRetryDelayMs,
  RECONNECT_DEADLINE_MS,
  shouldRetryPoll,
} from './reconnect';

const error = (status: number, retryAfterSeconds?: number) =>
  new ApiError({ status, title: 'x', retryAfterSeconds });

describe('polling through a BFF restart', () => {
  it('treats no answer and 502/503/504 as the server coming back, not as a failure', () => {
    expect([0, 502, 503, 504].map((s) => isReconnectable(error(s)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([404, 500, 429, 400].map((s) => isReconnectable(error(s)))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(isReconnectable(new TypeError('not an API error'))).toBe(false);
  });

  it('keeps reconnecting with backoff until the query deadline, then gives up', () => {
    expect(shouldRetryPoll(0, error(0))).toBe(true);
    expect(shouldRetryPoll(100, error(503))).toBe(true);
    let failures = 0;
    let waited = 0;
    while (shouldRetryPoll(failures, error(0))) waited += pollRetryDelayMs(failures++, error(0));
    expect(waited).toBeGreaterThanOrEqual(RECONNECT_DEADLINE_MS);
    expect(waited).toBeLessThan(RECONNECT_DEADLINE_MS + 5_000);
    expect([0, 1, 2, 10].map((n) => pollRetryDelayMs(n, error(502)))).toEqual([
      1000, 1500, 2250, 5000,
    ]);
  });

  it('fails a 404 at once: after a restart it means the query is really gone', () => {
    expect(shouldRetryPoll(0, error(404))).toBe(false);
  });

  it('retries other transient errors a few times, honouring Retry-After', () => {
    expect(shouldRetryPoll(2, error(429))).toBe(true);
    expect(shouldRetryPoll(3, error(429))).toBe(false);
    expect(pollRetryDelayMs(0, error(429, 7))).toBe(7000);
  });
});

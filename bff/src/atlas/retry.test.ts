import { describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasNetworkError, AtlasTimeoutError } from './errors';
import { backoffMs, parseRetryAfter, withRetry, type RetryPolicy } from './retry';

function policy(overrides: Partial<RetryPolicy> = {}) {
  const sleeps: number[] = [];
  const p: RetryPolicy = {
    maxRetries: 3,
    retryBaseMs: 100,
    retryMaxMs: 1_000,
    random: () => 1,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  };
  return { policy: p, sleeps };
}

const apiError = (status: number, retryAfterMs?: number) =>
  new AtlasApiError('GET /x', { status, retryAfterMs });

describe('Retry-After', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('stays between zero and the capped exponential ceiling', () => {
    const { policy: p } = policy({ random: () => 0.999 });
    expect(backoffMs(0, p)).toBeLessThanOrEqual(100);
    expect(backoffMs(2, p)).toBeGreaterThan(390);
    expect(backoffMs(10, p)).toBeLessThanOrEqual(1_000);
    expect(backoffMs(3, { ...p, random: () => 0 })).toBe(0);
  });
});

describe('withRetry', () => {
  it('retries 5xx, 429 and network errors up to maxRetries extra attempts', async () => {
    const { policy: p, sleeps } = policy();
    let calls = 0;
    const failures = [apiError(500), apiError(429), new AtlasNetworkError('GET /x', 'ECONNRESET')];
    const result = await withRetry('GET /x', p, async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('makes exactly one call for 400, 403, 404, 501 and timeouts', async () => {
    for (const err of [
      apiError(400),
      apiError(403),
      apiError(404),
      apiError(501),
      new AtlasTimeoutError('GET /x', 5),
    ]) {
      const { policy: p } = policy();
      let calls = 0;
      await expect(
        withRetry('GET /x', p, async () => {
          calls += 1;
          throw err;
        }),
      ).rejects.toBe(err);
      expect(calls).toBe(1);
    }
  });

  it('waits at least Retry-After even when the backoff is shorter', async () => {
    const { policy: p, sleeps } = policy({ random: () => 0 });
    let calls = 0;
    await withRetry('GET /x', p, async () => {
      if (calls++ === 0) throw apiError(429, 700);
    });
    expect(sleeps).toEqual([700]);
  });

  it('hands a Retry-After longer than retryMaxMs back to the caller instead of sleeping', async () => {
    const { policy: p, sleeps } = policy();
    const err = apiError(429, 55_000);
    await expect(withRetry('GET /x', p, async () => Promise.reject(err))).rejects.toBe(err);
    expect(sleeps).toEqual([]);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { policy: p } = policy({ maxRetries: 2 });
    let calls = 0;
    await expect(
      withRetry('GET /x', p, async () => {
        calls += 1;
        throw apiError(503);
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(3);
  });
});

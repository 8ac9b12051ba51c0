import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtlasApiError, AtlasAuthError, AtlasNetworkError, AtlasTimeoutError } from '../../atlas';
import { callsTo, clientFor, firstOrgId, simulatorPerTest } from '../../atlas/testing/atlas-sim';
import type { FaultAction } from '../../simulator';
import { createUpstreamRetry, type RetryOptions } from './upstream-retry';

/*
 * The services' retry policy is the only retry engine in front of Atlas (the client makes one
 * attempt per call). These tests run it around a real client against the simulator over HTTP.
 */
const started = simulatorPerTest();
afterEach(() => {
  vi.useRealTimers();
});

interface RetryLog {
  retry: number;
  delayMs: number;
  error?: string;
  status?: number;
}

/** The policy as the BFF builds it, with millisecond backoff and every retry it logs recorded. */
function policy(overrides: Partial<RetryOptions> = {}) {
  const retries: RetryLog[] = [];
  const retry = createUpstreamRetry({
    maxRetries: 3,
    baseMs: 10,
    maxMs: 5_000,
    random: () => 0.5,
    logger: { warn: (obj) => retries.push(obj as RetryLog) },
    ...overrides,
  });
  return { retry, retries };
}

describe('which failures the services try again', () => {
  it.each<[string, FaultAction]>([
    ['500', { kind: 'status', status: 500 }],
    ['502', { kind: 'status', status: 502 }],
    ['503', { kind: 'status', status: 503 }],
    [
      '429 with a Retry-After that fits',
      { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
    ],
    ['a reset connection', { kind: 'reset' }],
    ['a body cut short', { kind: 'reset-mid-body' }],
    ['malformed JSON', { kind: 'malformed-json' }],
  ])('after %s, calls once more and returns the list', async (_name, action) => {
    const s = await started();
    const { client } = clientFor(s);
    const { retry, retries } = policy();
    s.faults.add({ route: 'listProjects', action });
    await expect(retry(() => client.listProjects(firstOrgId(s)))).resolves.not.toHaveLength(0);
    expect(callsTo(s, 'listProjects')).toHaveLength(2);
    expect(retries).toHaveLength(1);
  });

  it.each<[string, FaultAction]>([
    ['400', { kind: 'status', status: 400 }],
    ['403', { kind: 'status', status: 403 }],
    ['404', { kind: 'status', status: 404 }],
    ['501', { kind: 'status', status: 501 }],
    ['a redirect', { kind: 'redirect', location: 'http://example.invalid/' }],
  ])('after %s, gives up at once: exactly one call', async (_name, action) => {
    const s = await started();
    const { client } = clientFor(s);
    const { retry, retries } = policy();
    s.faults.add({ route: 'listProjects', action, times: 'always' });
    await expect(retry(() => client.listProjects(firstOrgId(s)))).rejects.toThrow();
    expect(callsTo(s, 'listProjects')).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('does not retry a timeout: the call’s budget is spent', async () => {
    const s = await started();
    const { client } = clientFor(s, 'service-account', { timeoutMs: 100 });
    const { retry, retries } = policy();
    s.faults.add({ route: 'listOrgs', action: { kind: 'hang' }, times: 'always' });
    await expect(retry(() => client.listOrgs())).rejects.toBeInstanceOf(AtlasTimeoutError);
    expect(callsTo(s, 'listOrgs')).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('does not retry refused credentials: one token call', async () => {
    const s = await started({ credentials: { clientSecret: 'another-secret-entirely' } });
    const { client } = clientFor(s);
    const { retry, retries } = policy();
    await expect(retry(() => client.listOrgs())).rejects.toBeInstanceOf(AtlasAuthError);
    expect(callsTo(s, 'oauthToken')).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('gives up after maxRetries more calls with the last error, backing off with full jitter', async () => {
    const s = await started();
    const { client } = clientFor(s);
    // random 0.5: half of min(maxMs, base·2^n), i.e. 5, 10, then 15 (the cap of 30 reached).
    const { retry, retries } = policy({ maxRetries: 3, baseMs: 10, maxMs: 30 });
    s.faults.add({ route: 'listOrgs', action: { kind: 'reset' }, times: 'always' });
    await expect(retry(() => client.listOrgs())).rejects.toBeInstanceOf(AtlasNetworkError);
    expect(callsTo(s, 'listOrgs')).toHaveLength(4);
    expect(retries).toEqual([
      { retry: 1, delayMs: 5, error: 'AtlasNetworkError' },
      { retry: 2, delayMs: 10, error: 'AtlasNetworkError' },
      { retry: 3, delayMs: 15, error: 'AtlasNetworkError' },
    ]);
  });

  it('retries a token endpoint outage with one more mint, not one per waiting call', async () => {
    const s = await started();
    const { client } = clientFor(s);
    const { retry } = policy();
    s.faults.add({ route: 'oauthToken', action: { kind: 'status', status: 503 } });
    const lists = await Promise.all([1, 2, 3].map(() => retry(() => client.listOrgs())));
    expect(lists.map((orgs) => orgs.length)).toEqual([3, 3, 3]);
    expect(callsTo(s, 'oauthToken').map((r) => r.status)).toEqual([503, 200]);
    expect(callsTo(s, 'listOrgs')).toHaveLength(3);
  });
});

describe('Retry-After', () => {
  it('when Atlas answers 429 with Retry-After: 2, waits 2 s before the next call (fake clock)', async () => {
    const s = await started();
    const { client } = clientFor(s);
    await client.listOrgs(); // the token is minted before the clock is faked
    s.clearRequests();
    s.faults.add({
      route: 'listOrgs',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '2' } },
    });
    // Only timers are faked: the simulator and the sockets stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let retried!: (entry: RetryLog) => void;
    const firstRetry = new Promise<RetryLog>((resolve) => (retried = resolve));
    const retry = createUpstreamRetry({
      maxRetries: 3,
      baseMs: 10,
      maxMs: 5_000,
      random: () => 0.5,
      logger: { warn: (obj) => retried(obj as RetryLog) },
    });
    let attempts = 0;
    const result = retry(() => {
      attempts += 1;
      return client.listOrgs();
    });
    // Longer than the backoff (5 ms): Atlas's wait wins.
    await expect(firstRetry).resolves.toEqual({
      retry: 1,
      delayMs: 2_000,
      error: 'AtlasApiError',
      status: 429,
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toHaveLength(3);
    expect(attempts).toBe(2);
    expect(callsTo(s, 'listOrgs').map((r) => r.status)).toEqual([429, 200]);
  });

  it('hands a Retry-After beyond maxMs back to the caller after one call', async () => {
    const s = await started();
    const { client } = clientFor(s);
    const { retry, retries } = policy({ maxMs: 5_000 });
    s.faults.add({
      route: 'listOrgs',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '55' } },
    });
    const err = await retry(() => client.listOrgs()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 55_000, errorCode: 'RATE_LIMITED' });
    expect(callsTo(s, 'listOrgs')).toHaveLength(1);
    expect(retries).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { FaultAction } from '../simulator';
import { AtlasApiError, AtlasNetworkError, AtlasProtocolError, AtlasTimeoutError } from './errors';
import {
  callsTo,
  clientFor,
  firstOrgId,
  lastMonthFilter,
  simulatorPerTest,
} from './testing/atlas-sim';

const started = simulatorPerTest();

/** The per-call deadline fired (not a socket error or an abort), naming call and budget. */
function expectTimedOut(err: unknown, operation: string, timeoutMs: number) {
  expect(err).toBeInstanceOf(AtlasTimeoutError);
  expect(err).toMatchObject({
    timeoutMs,
    message: `Atlas did not answer ${operation} within ${timeoutMs} ms`,
  });
}

// The client makes one attempt per call; whether to try again is the services' decision
// (services/upstream/upstream-retry.ts), so every failure comes back typed, after exactly one call.
describe('failures come back typed, after exactly one call', () => {
  it('times out a hanging Atlas with the call budget’s error', async () => {
    const s = await started();
    const { client } = clientFor(s, 'service-account', { timeoutMs: 200 });
    await client.listOrgs(); // the token is minted outside the timed call
    s.faults.add({ route: 'listOrgs', action: { kind: 'hang' } });
    const err = await client.listOrgs().catch((e: unknown) => e);
    expectTimedOut(err, 'GET /api/atlas/v2/orgs', 200);
    expect(callsTo(s, 'listOrgs')).toHaveLength(2);
  });

  it('times out a hanging token endpoint too, before any API call', async () => {
    const s = await started();
    const { client } = clientFor(s, 'service-account', { timeoutMs: 150 });
    s.faults.add({ route: 'oauthToken', action: { kind: 'hang' } });
    const err = await client.listOrgs().catch((e: unknown) => e);
    expectTimedOut(err, 'POST /api/oauth/token', 150);
    expect(callsTo(s, 'listOrgs')).toHaveLength(0);
  });

  it('reports a 429 with its Retry-After and RateLimit headers', async () => {
    const s = await started();
    const { client, meta } = clientFor(s);
    s.faults.add({
      route: 'listOrgs',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '55' } },
    });
    const err = await client.listOrgs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 55_000, errorCode: 'RATE_LIMITED' });
    expect(meta).toEqual([expect.objectContaining({ status: 429, rateLimitRemaining: 0 })]);
    expect(callsTo(s, 'listOrgs')).toHaveLength(1);
  });

  it('reads a Retry-After date by the injected clock', async () => {
    const s = await started();
    const now = Date.parse('2026-11-15T12:00:00Z');
    const { client } = clientFor(s, 'service-account', { now: () => now });
    s.faults.add({
      route: 'listOrgs',
      action: {
        kind: 'status',
        status: 503,
        headers: { 'Retry-After': 'Sun, 15 Nov 2026 12:00:30 GMT' },
      },
    });
    await expect(client.listOrgs()).rejects.toMatchObject({ status: 503, retryAfterMs: 30_000 });
  });

  it.each<[string, FaultAction, new (...args: never[]) => Error]>([
    ['500', { kind: 'status', status: 500 }, AtlasApiError],
    ['501', { kind: 'status', status: 501 }, AtlasApiError],
    ['a reset', { kind: 'reset' }, AtlasNetworkError],
    ['a body cut short', { kind: 'reset-mid-body' }, AtlasNetworkError],
  ])('reports %s as a typed error, without trying again', async (_name, action, type) => {
    const s = await started();
    const { client } = clientFor(s);
    s.faults.add({ route: 'listProjects', action });
    await expect(client.listProjects(firstOrgId(s))).rejects.toBeInstanceOf(type);
    expect(callsTo(s, 'listProjects')).toHaveLength(1);
  });

  it('reports malformed JSON as AtlasProtocolError after one call', async () => {
    const s = await started();
    const { client } = clientFor(s);
    const orgId = firstOrgId(s);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(s));
    s.faults.add({ route: 'getUsage', action: { kind: 'malformed-json' } });
    const err = await client.getUsageQuery(orgId, token).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasProtocolError);
    expect((err as Error).message).toMatch(/malformed JSON/);
    expect(callsTo(s, 'getUsage')).toHaveLength(1);
  });

  it.each([400, 403, 404])(
    'makes exactly one call on %i and passes on Atlas’s detail',
    async (status) => {
      const s = await started();
      const { client } = clientFor(s);
      const body = {
        detail: `Simulated detail for ${status}.`,
        error: status,
        errorCode: 'SOME_CODE',
        reason: 'Some Reason',
        parameters: ['x'],
        badRequestDetail: { fields: [{ field: 'startDate', description: 'is wrong' }] },
      };
      s.faults.add({ route: 'createUsage', action: { kind: 'status', status, body } });
      const err = await client
        .createUsageQuery(firstOrgId(s), lastMonthFilter(s))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AtlasApiError);
      expect(err).toMatchObject({
        status,
        errorCode: 'SOME_CODE',
        detail: body.detail,
        reason: 'Some Reason',
        parameters: ['x'],
        badRequestDetail: body.badRequestDetail,
      });
      expect(callsTo(s, 'createUsage')).toHaveLength(1);
    },
  );

  it('passes on Atlas’s own validation error for a filter it rejects', async () => {
    const s = await started();
    const { client } = clientFor(s);
    const err = await client
      .createUsageQuery(firstOrgId(s), { startDate: '2026-01-15', endDate: '2026-02-01' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect((err as AtlasApiError).status).toBe(400);
    expect((err as AtlasApiError).detail).toBeTruthy();
    expect(callsTo(s, 'createUsage')).toHaveLength(1);
  });

  it('tolerates an error body that is not JSON', async () => {
    const s = await started();
    const { client } = clientFor(s);
    s.faults.add({
      route: 'listOrgs',
      action: { kind: 'status', status: 403, body: '<html>Forbidden</html>' },
    });
    const err = await client.listOrgs().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403, errorCode: undefined, detail: undefined });
  });

  it('never follows a redirect: one call, then AtlasProtocolError', async () => {
    const s = await started();
    const { client } = clientFor(s);
    s.faults.add({
      route: 'listOrgs',
      action: { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' },
    });
    const err = await client.listOrgs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasProtocolError);
    expect((err as AtlasProtocolError).status).toBe(302);
    expect(callsTo(s, 'listOrgs')).toHaveLength(1);
    expect(s.requests.filter((r) => r.route !== 'oauthToken')).toHaveLength(1);
  });
});

describe('query tokens', () => {
  it('takes any 64 visible characters (the spec sets no pattern) and URL-encodes them', async () => {
    const s = await started();
    const { client } = clientFor(s, 'service-account');
    // A visible-ASCII token Atlas never issued: Atlas (the simulator) is asked and says 404.
    const wide = 'A1b2/?#%'.repeat(8);
    expect(wide).toHaveLength(64);
    const err = await client.getUsageQuery(firstOrgId(s), wide).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect(err).toMatchObject({ status: 404 });
    const [poll] = callsTo(s, 'getUsage');
    expect(poll?.path).toContain(encodeURIComponent(wide));
    expect(String((err as Error).message)).not.toContain(wide);
  });

  it.each([
    ['63 characters', 'a'.repeat(63)],
    ['65 characters', 'a'.repeat(65)],
    ['a space', `${'a'.repeat(63)} `],
    ['a control character', `${'a'.repeat(63)}\n`],
  ])('refuses a token with %s before any call', async (_label, token) => {
    const s = await started();
    const { client } = clientFor(s, 'service-account');
    await expect(client.getUsageQuery(firstOrgId(s), token)).rejects.toThrow(
      'token must be 64 visible ASCII characters',
    );
    expect(callsTo(s, 'getUsage')).toHaveLength(0);
  });
});

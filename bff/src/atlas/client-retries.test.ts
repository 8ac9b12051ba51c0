import { describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasNetworkError } from './errors';
import {
  callsTo,
  clientFor,
  firstOrgId,
  lastMonthFilter,
  simulatorPerTest,
} from './testing/atlas-sim';

const started = simulatorPerTest();

describe('retries', () => {
  it('when Atlas answers 429, waits at least Retry-After before the next call', async () => {
    const s = await started();
    const { client, sleeps, meta } = clientFor(s, 'service-account', { retryBaseMs: 1 });
    s.faults.add({
      route: 'listOrgs',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '2' } },
    });
    await expect(client.listOrgs()).resolves.toHaveLength(3);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2_000);
    expect(callsTo(s, 'listOrgs').map((r) => r.status)).toEqual([429, 200]);
    expect(meta[0]).toMatchObject({ status: 429, rateLimitRemaining: 0 });
  });

  it('hands a Retry-After beyond retryMaxMs back to the caller after one call', async () => {
    const s = await started();
    const { client, sleeps } = clientFor(s, 'service-account', { retryMaxMs: 1_000 });
    s.faults.add({
      route: 'getUsage',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '55' } },
    });
    const orgId = firstOrgId(s);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(s));
    const err = await client.getUsageQuery(orgId, token).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 55_000, errorCode: 'RATE_LIMITED' });
    expect(sleeps).toEqual([]);
    expect(callsTo(s, 'getUsage')).toHaveLength(1);
  });

  it('after a 500, retries once and succeeds with exactly two calls', async () => {
    const s = await started();
    const { client, sleeps } = clientFor(s);
    s.faults.add({ route: 'createUsage', action: { kind: 'status', status: 500 } });
    const { token } = await client.createUsageQuery(firstOrgId(s), lastMonthFilter(s));
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(callsTo(s, 'createUsage').map((r) => r.status)).toEqual([500, 202]);
    expect(sleeps).toHaveLength(1);
  });

  it('does not retry a 501', async () => {
    const s = await started();
    const { client } = clientFor(s);
    s.faults.add({ route: 'listOrgs', action: { kind: 'status', status: 501 }, times: 'always' });
    await expect(client.listOrgs()).rejects.toMatchObject({ status: 501 });
    expect(callsTo(s, 'listOrgs')).toHaveLength(1);
  });

  it('gives up on repeated resets with AtlasNetworkError after maxRetries extra calls', async () => {
    const s = await started();
    const { client, sleeps } = clientFor(s, 'service-account', { maxRetries: 3 });
    s.faults.add({ route: 'listOrgs', action: { kind: 'reset' }, times: 'always' });
    await expect(client.listOrgs()).rejects.toBeInstanceOf(AtlasNetworkError);
    expect(callsTo(s, 'listOrgs')).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('recovers from one reset with a second call', async () => {
    const s = await started();
    const { client } = clientFor(s);
    s.faults.add({ route: 'listProjects', action: { kind: 'reset' } });
    await expect(client.listProjects(firstOrgId(s))).resolves.not.toHaveLength(0);
    expect(callsTo(s, 'listProjects')).toHaveLength(2);
  });

  it('treats a body cut short as a network error and retries it', async () => {
    const s = await started({ processingMs: 0 });
    const { client } = clientFor(s);
    const orgId = firstOrgId(s);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(s));
    s.faults.add({ route: 'getUsage', action: { kind: 'reset-mid-body' } });
    await expect(client.getUsageQuery(orgId, token)).resolves.toMatchObject({ status: 'done' });
    expect(callsTo(s, 'getUsage')).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasProtocolError, AtlasTimeoutError } from './errors';
import {
  callsTo,
  clientFor,
  firstOrgId,
  lastMonthFilter,
  simulatorPerTest,
} from './testing/atlas-sim';

const started = simulatorPerTest();

describe('failures that are not retried', () => {
  it('times out a hanging Atlas within timeoutMs and does not retry', async () => {
    const s = await started();
    const { client } = clientFor(s, 'service-account', { timeoutMs: 200 });
    await client.listOrgs(); // the token is minted outside the measured call
    s.faults.add({ route: 'listOrgs', action: { kind: 'hang' } });
    const begin = Date.now();
    const err = await client.listOrgs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasTimeoutError);
    expect((err as AtlasTimeoutError).timeoutMs).toBe(200);
    expect(Date.now() - begin).toBeLessThan(200 + 300);
    expect(callsTo(s, 'listOrgs')).toHaveLength(2);
  });

  it('times out a hanging token endpoint too', async () => {
    const s = await started();
    const { client } = clientFor(s, 'service-account', { timeoutMs: 150 });
    s.faults.add({ route: 'oauthToken', action: { kind: 'hang' } });
    const begin = Date.now();
    await expect(client.listOrgs()).rejects.toBeInstanceOf(AtlasTimeoutError);
    expect(Date.now() - begin).toBeLessThan(150 + 300);
    expect(callsTo(s, 'listOrgs')).toHaveLength(0);
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
      const { client, sleeps } = clientFor(s);
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
      expect(sleeps).toEqual([]);
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

import { describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasAuthError } from './errors';
import {
  callsTo,
  clientFor,
  firstOrgId,
  lastMonthFilter,
  simulatorPerTest,
} from './testing/atlas-sim';

const started = simulatorPerTest();

const ATLAS_ACCEPT = 'application/vnd.atlas.2023-01-01+json';

describe('with a service account', () => {
  it('mints a token with Basic auth and calls Atlas with it as a bearer', async () => {
    const sim = await started();
    const { client } = clientFor(sim, 'service-account');
    const orgs = await client.listOrgs();
    expect(orgs.map((o) => o.id)).toEqual(sim.dataset.orgs.map((o) => o.id));
    const [token] = callsTo(sim, 'oauthToken');
    expect(token?.headers.authorization).toMatch(/^Basic /);
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token?.headers.accept).toBe('application/json');
    expect(token?.body).toBe('grant_type=client_credentials');
    const [list] = callsTo(sim, 'listOrgs');
    expect(list?.headers.authorization).toMatch(/^Bearer /);
    expect(list?.status).toBe(200);
  });

  it('sends only Accept, Content-Type, User-Agent and Authorization of its own', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    const orgId = firstOrgId(sim);
    await client.createUsageQuery(orgId, lastMonthFilter(sim));
    const [create] = callsTo(sim, 'createUsage');
    expect(create?.headers).toMatchObject({
      accept: ATLAS_ACCEPT,
      'content-type': 'application/json',
      'user-agent': 'atlas-cost-explorer-bff/test',
    });
    const allowed = ['accept', 'content-type', 'content-length', 'user-agent', 'authorization'];
    const transport = ['host', 'connection'];
    expect(
      Object.keys(create?.headers ?? {})
        .filter((h) => !transport.includes(h))
        .sort(),
    ).toEqual(allowed.sort());
    expect(JSON.parse(create?.body ?? '')).toEqual(lastMonthFilter(sim));
  });

  it('mints exactly one token for 200 concurrent cold calls', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    const results = await Promise.all(Array.from({ length: 200 }, () => client.listOrgs()));
    expect(results).toHaveLength(200);
    expect(callsTo(sim, 'oauthToken')).toHaveLength(1);
    expect(callsTo(sim, 'listOrgs')).toHaveLength(200);
  });

  it('refreshes the token shortly before it expires, by the injected clock', async () => {
    const sim = await started();
    let clock = 1_000_000;
    const { client } = clientFor(sim, 'service-account', { now: () => clock });
    await client.listOrgs();
    clock += 3_600_000 - 61_000; // still more than a minute left: reuse
    await client.listOrgs();
    expect(callsTo(sim, 'oauthToken')).toHaveLength(1);
    clock += 2_000; // inside the last minute: mint a new one first
    await client.listOrgs();
    expect(callsTo(sim, 'oauthToken')).toHaveLength(2);
  });

  it('refreshes a short-lived token at half its life instead of a minute early', async () => {
    const sim = await started({ tokenTtlSeconds: 10 });
    let clock = 0;
    const { client } = clientFor(sim, 'service-account', { now: () => clock });
    await client.listOrgs();
    clock = 4_900;
    await client.listOrgs();
    expect(callsTo(sim, 'oauthToken')).toHaveLength(1);
    clock = 5_000;
    await client.listOrgs();
    expect(callsTo(sim, 'oauthToken')).toHaveLength(2);
  });

  it('on a 401 from an API call, mints one new token and retries once', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    await client.listOrgs();
    sim.faults.add({ route: 'listOrgs', action: { kind: 'status', status: 401 } });
    await expect(client.listOrgs()).resolves.toHaveLength(3);
    expect(callsTo(sim, 'oauthToken')).toHaveLength(2);
    expect(callsTo(sim, 'listOrgs').map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('never loops on 401: a second one is an AtlasApiError after exactly two calls', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    sim.faults.add({ route: 'listOrgs', action: { kind: 'status', status: 401 }, times: 'always' });
    const err = await client.listOrgs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect((err as AtlasApiError).status).toBe(401);
    expect(callsTo(sim, 'listOrgs')).toHaveLength(2);
    expect(callsTo(sim, 'oauthToken')).toHaveLength(2);
  });

  it('reports refused client credentials as AtlasAuthError after one token call', async () => {
    const sim = await started({ credentials: { clientSecret: 'another-secret-entirely' } });
    const { client } = clientFor(sim);
    const err = await client.listOrgs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasAuthError);
    expect(err).toMatchObject({ status: 401, errorCode: 'invalid_client' });
    expect(callsTo(sim, 'oauthToken')).toHaveLength(1);
    expect(callsTo(sim, 'listOrgs')).toHaveLength(0);
  });

  it('reports a token endpoint outage without calling the API, and mints again next time', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    sim.faults.add({ route: 'oauthToken', action: { kind: 'status', status: 503 } });
    // An outage, not refused credentials: the services' retry policy may try again.
    await expect(client.listOrgs()).rejects.toMatchObject({ name: 'AtlasApiError', status: 503 });
    expect(callsTo(sim, 'listOrgs')).toHaveLength(0);
    await expect(client.listOrgs()).resolves.toHaveLength(3);
    expect(callsTo(sim, 'oauthToken').map((r) => r.status)).toEqual([503, 200]);
  });
});

import { describe, expect, it } from 'vitest';
import { AtlasAuthError } from './errors';
import {
  callsTo,
  clientFor,
  firstOrgId,
  lastMonthFilter,
  simulatorPerTest,
} from './testing/atlas-sim';

const started = simulatorPerTest();

describe('with an API key (HTTP Digest)', () => {
  it('answers the challenge, then reuses the nonce with the next nc', async () => {
    const sim = await started();
    const { client } = clientFor(sim, 'api-key');
    await client.listOrgs();
    await client.listOrgs();
    const calls = callsTo(sim, 'listOrgs');
    expect(calls.map((r) => r.status)).toEqual([401, 200, 200]);
    expect(calls[0]?.headers.authorization).toBeUndefined();
    expect(calls[1]?.headers.authorization).toMatch(/^Digest .*nc=00000001/);
    expect(calls[2]?.headers.authorization).toMatch(/nc=00000002/);
    expect(callsTo(sim, 'oauthToken')).toHaveLength(0);
  });

  it('creates and polls a usage query, resending the POST body after the challenge', async () => {
    const sim = await started({ processingMs: 0 });
    const { client } = clientFor(sim, 'api-key');
    const orgId = firstOrgId(sim);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(sim));
    const result = await client.getUsageQuery(orgId, token);
    expect(result.status).toBe('done');
    expect(callsTo(sim, 'createUsage').map((r) => r.status)).toEqual([401, 202]);
  });

  it('answers a stale nonce with one fresh challenge round', async () => {
    let clock = Date.parse('2026-11-15T12:00:00Z');
    const sim = await started({ now: () => new Date(clock) });
    const { client } = clientFor(sim, 'api-key');
    await client.listOrgs();
    clock += 6 * 60_000; // past the simulator's nonce lifetime
    await expect(client.listOrgs()).resolves.toHaveLength(3);
    expect(callsTo(sim, 'listOrgs').map((r) => r.status)).toEqual([401, 200, 401, 200]);
  });

  it('serves concurrent calls on shared nonces without replays', async () => {
    const sim = await started();
    const { client } = clientFor(sim, 'api-key');
    await expect(
      Promise.all(Array.from({ length: 20 }, () => client.listOrgs())),
    ).resolves.toHaveLength(20);
    await expect(
      Promise.all(Array.from({ length: 20 }, () => client.listOrgs())),
    ).resolves.toHaveLength(20);
  });

  it('reports a wrong private key as AtlasAuthError after the challenge round trip', async () => {
    const sim = await started({ credentials: { privateKey: 'not-the-key-we-use' } });
    const { client } = clientFor(sim, 'api-key');
    const err = await client.listOrgs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasAuthError);
    expect(callsTo(sim, 'listOrgs')).toHaveLength(2);
  });
});

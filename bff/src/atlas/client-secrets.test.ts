import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../simulator';
import { clientFor, firstOrgId, lastMonthFilter, simulatorPerTest } from './testing/atlas-sim';
import type { AtlasClientOptions } from './types';

const CANARY = {
  clientId: 'canary-client-id-5b7e',
  clientSecret: 'CANARY-CLIENT-SECRET-7f3a91',
  publicKey: 'canarypk',
  privateKey: 'CANARY-PRIVATE-KEY-9c1d44',
};

const started = simulatorPerTest();

const faults = (ownSecret: string): FaultRule['action'][] => [
  { kind: 'status', status: 400 },
  { kind: 'status', status: 401 },
  { kind: 'status', status: 403 },
  { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
  { kind: 'status', status: 500 },
  // An upstream that echoes a secret back must not get it into a message either.
  { kind: 'status', status: 400, body: { detail: `bad ${ownSecret}`, parameters: [ownSecret] } },
  { kind: 'reset' },
  { kind: 'malformed-json' },
  { kind: 'redirect', location: 'http://example.invalid/' },
];

/** Everything a client could leak: messages, stacks, causes, enumerable fields, and its log. */
function dump(value: unknown): string {
  if (value instanceof Error) {
    return [value.message, value.stack, JSON.stringify(value), dump(value.cause)].join('\n');
  }
  return JSON.stringify(value) ?? '';
}

describe.each(['service-account', 'api-key'] as const)('with %s credentials', (scheme) => {
  it('never puts a secret, token or Authorization value into errors or log output', async () => {
    const sim = await started({ credentials: CANARY, processingMs: 0 });
    const credentials: AtlasClientOptions['credentials'] =
      scheme === 'service-account'
        ? { kind: 'service-account', clientId: CANARY.clientId, clientSecret: CANARY.clientSecret }
        : { kind: 'api-key', publicKey: CANARY.publicKey, privateKey: CANARY.privateKey };
    const { client, logs, meta } = clientFor(sim, scheme, { credentials });
    const orgId = firstOrgId(sim);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(sim));
    const outputs: unknown[] = [];
    const ownSecret = scheme === 'service-account' ? CANARY.clientSecret : CANARY.privateKey;
    for (const action of faults(ownSecret)) {
      sim.faults.add({ route: 'any', action, times: 2 });
      outputs.push(await client.getUsageQuery(orgId, token).catch((e: unknown) => e));
      outputs.push(await client.listOrgs().catch((e: unknown) => e));
      sim.faults.clear();
    }
    sim.faults.add({ route: 'getUsage', action: { kind: 'status', status: 404 } });
    outputs.push(await client.getUsageQuery(orgId, token).catch((e: unknown) => e));
    if (scheme === 'service-account') {
      sim.faults.add({ route: 'oauthToken', action: { kind: 'status', status: 401 } });
      sim.faults.add({ route: 'listOrgs', action: { kind: 'status', status: 401 } });
      outputs.push(await client.listOrgs().catch((e: unknown) => e));
    }

    const accessTokens = sim.requests
      .map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1])
      .filter((t): t is string => t !== undefined);
    expect(accessTokens.length > 0).toBe(scheme === 'service-account');
    const text = [...outputs.map(dump), JSON.stringify(logs), JSON.stringify(meta)].join('\n');
    for (const secret of [CANARY.clientSecret, CANARY.privateKey, token, ...accessTokens]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/Digest username|Basic [A-Za-z0-9+/]|Bearer /);
    expect(text).not.toContain(
      Buffer.from(`${CANARY.clientId}:${CANARY.clientSecret}`).toString('base64'),
    );
    expect(text).toContain('[redacted]'); // the echoed secret was really there, and scrubbed
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../simulator';
import { clientFor, firstOrgId, lastMonthFilter, simulatorPerTest } from './testing/atlas-sim';
import { describeExchange, pathTemplate, type WireLine, type WireLog } from './wire-log';

const started = simulatorPerTest();

function memoryLog(): WireLog & { lines: WireLine[] } {
  const lines: WireLine[] = [];
  return { lines, record: (exchange) => lines.push(describeExchange(exchange)) };
}

/** Polls until done: bounded by time, not by a count (a loaded machine needed more than 50). */
async function untilDone(run: () => Promise<{ status: string }>) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) if ((await run()).status === 'done') return;
  throw new Error('never done');
}

describe('the wire recorder', () => {
  it('turns ids and the query token into a path template', () => {
    expect(
      pathTemplate('/api/atlas/v2/orgs/66d7254246a21a41036ff2e9/billing/costExplorer/usage'),
    ).toBe('/api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage');
    expect(
      pathTemplate(
        `/api/atlas/v2/orgs/66d7254246a21a41036ff2e9/billing/costExplorer/usage/${'a'.repeat(64)}`,
      ),
    ).toBe('/api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage/{token}');
    expect(pathTemplate('/api/atlas/v2/groups/66d7254246a21a41036ff2e9/clusters')).toBe(
      '/api/atlas/v2/groups/{groupId}/clusters',
    );
    expect(pathTemplate('/proxy-prefix/api/oauth/token')).toBe('/{value}/api/oauth/token');
  });

  it.each(['service-account', 'api-key'] as const)(
    'records every %s exchange (token, challenge, create, polls, lists) without a value',
    async (scheme) => {
      const sim = await started({ processingMs: 40, processingMode: 'final-102-close' });
      const wire = memoryLog();
      const { client } = clientFor(sim, scheme, { wireLog: wire });
      const orgId = firstOrgId(sim);
      await client.listProjects(orgId);
      const { token } = await client.createUsageQuery(orgId, lastMonthFilter(sim));
      await untilDone(() => client.getUsageQuery(orgId, token));

      const paths = wire.lines.map((l) => `${l.method} ${l.path} ${l.status}`);
      if (scheme === 'service-account') expect(paths[0]).toBe('POST /api/oauth/token 200');
      else expect(paths[0]).toBe('GET /api/atlas/v2/orgs/{orgId}/groups 401');
      expect(paths).toContain('POST /api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage 202');
      expect(paths).toContain(
        'GET /api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage/{token} 200',
      );
      const processing = wire.lines.find((l) => l.processing);
      expect(processing).toMatchObject({
        status: 102,
        processing: 'closed',
        interim: [{ status: 102 }],
      });
      const done = wire.lines.at(-1)!;
      expect(done.response?.body).toMatchObject({
        usageDetails: [expect.stringMatching(/^\d+ items?$/), { usageAmount: 'number' }],
      });
      const create = wire.lines.find((l) => l.method === 'POST' && l.path.endsWith('/usage'))!;
      expect(create.request.body).toMatchObject({ startDate: 'date(YYYY-MM-DD)' });
      expect(create.request.headers.names).toContain('authorization');
      expect(create.request.headers.values).toEqual({
        accept: 'application/vnd.atlas.2023-01-01+json',
        'content-type': 'application/json',
      });

      const text = JSON.stringify(wire.lines);
      const secrets = [
        token,
        orgId,
        DEMO_CREDENTIALS.clientSecret,
        DEMO_CREDENTIALS.privateKey,
        DEMO_CREDENTIALS.publicKey,
        ...sim.dataset.orgs.flatMap((o) => [o.id, o.name]),
        ...sim.dataset.projects.flatMap((p) => [p.id, p.name]),
      ];
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/Bearer|Basic |Digest |nonce/);
    },
  );

  it('tells a held 102 from a closed one, and records an interim 102 before the final answer', async () => {
    const sim = await started({ processingMs: 150, processingMode: 'final-102-hold' });
    const wire = memoryLog();
    const { client } = clientFor(sim, 'service-account', {
      wireLog: wire,
      processingGraceMs: 500,
    });
    const orgId = firstOrgId(sim);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(sim));
    expect(await client.getUsageQuery(orgId, token)).toEqual({ status: 'processing' });
    expect(wire.lines.at(-1)).toMatchObject({ status: 102, processing: 'held' });

    sim.setProcessingMode('interim-102-then-200');
    const second = await client.createUsageQuery(orgId, lastMonthFilter(sim));
    expect((await client.getUsageQuery(orgId, second.token)).status).toBe('done');
    expect(wire.lines.at(-1)).toMatchObject({ status: 200, interim: [{ status: 102 }] });
  });

  it('records failures by error class and code, never by message', async () => {
    const sim = await started();
    const wire = memoryLog();
    const { client } = clientFor(sim, 'service-account', { wireLog: wire });
    await client.listOrgs();
    sim.faults.add({ route: 'listOrgs', action: { kind: 'reset' } });
    await expect(client.listOrgs()).rejects.toThrow();
    expect(wire.lines.at(-1)?.error).toMatch(/^AtlasNetworkError(:[A-Z]+)?$/);
    sim.faults.add({
      route: 'listOrgs',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '7' } },
    });
    await expect(client.listOrgs()).rejects.toThrow();
    expect(wire.lines.at(-1)).toMatchObject({
      status: 429,
      response: { headers: { values: { 'retry-after': '7' } } },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ProcessingMode } from '../simulator';
import { AtlasApiError } from './errors';
import {
  callsTo,
  clientFor,
  firstOrgId,
  lastMonthFilter,
  simulatorPerTest,
} from './testing/atlas-sim';
import type { Scheme } from './testing/atlas-sim';

const started = simulatorPerTest();

const MODES: ProcessingMode[] = [
  'final-102-close',
  'final-102-hold',
  'interim-102-then-200',
  'envelope',
];
const SCHEMES: Scheme[] = ['service-account', 'api-key'];

describe.each(MODES)('when Atlas says "processing" as %s', (mode) => {
  it.each(SCHEMES)('reads the poll as processing, then as done (%s)', async (scheme) => {
    let clock = Date.parse('2026-11-15T12:00:00Z');
    const sim = await started({
      processingMode: mode,
      processingMs: 60_000,
      now: () => new Date(clock),
    });
    // The call's budget is out of reach: only the 50 ms grace (or a closed connection) can end
    // a poll, so a poll that "reads processing" proves the grace did its job (http.test.ts
    // times it exactly on a fake clock).
    const { client } = clientFor(sim, scheme, { processingGraceMs: 50, timeoutMs: 60_000 });
    const orgId = firstOrgId(sim);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(sim));
    expect(token).toMatch(/^[0-9a-f]{64}$/i);

    await expect(client.getUsageQuery(orgId, token)).resolves.toEqual({ status: 'processing' });
    await expect(client.getUsageQuery(orgId, token)).resolves.toEqual({ status: 'processing' });

    clock += 61_000;
    const done = await client.getUsageQuery(orgId, token);
    expect(done.status).toBe('done');
    if (done.status !== 'done') return;
    expect(done.usageDetails.length).toBeGreaterThan(0);
    expect(done.usageDetails[0]).toMatchObject({ usageDate: lastMonthFilter(sim).startDate });
    // A "processing" answer is not a failure: nothing was retried.
    const polls = callsTo(sim, 'getUsage').filter((r) => r.status !== 401);
    expect(polls).toHaveLength(3);
  });
});

describe('an interim 102 followed by the final answer', () => {
  it('returns the result when the 200 arrives within the grace period', async () => {
    const sim = await started({ processingMode: 'interim-102-then-200', processingMs: 40 });
    const { client } = clientFor(sim, 'service-account', { processingGraceMs: 2_000 });
    const orgId = firstOrgId(sim);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(sim));
    const result = await client.getUsageQuery(orgId, token);
    expect(result.status).toBe('done');
    expect(callsTo(sim, 'getUsage')).toHaveLength(1);
  });
});

describe('usage results', () => {
  it('normalises clusterUniqueId to clusterId and keeps the original', async () => {
    const sim = await started({ processingMs: 0 });
    const { client } = clientFor(sim);
    const orgId = firstOrgId(sim);
    const cluster = sim.dataset.clusters.find((c) => c.orgId === orgId && !c.deleted);
    const { token } = await client.createUsageQuery(orgId, {
      ...lastMonthFilter(sim),
      clusters: [cluster?.id ?? ''],
      groupBy: 'clusters',
    });
    const result = await client.getUsageQuery(orgId, token);
    if (result.status !== 'done') throw new Error('expected a result');
    expect(result.usageDetails.length).toBeGreaterThan(0);
    for (const row of result.usageDetails) {
      expect(row.clusterId).toBe(cluster?.id);
      expect(row.clusterUniqueId).toBe(cluster?.id);
      expect(Number.isFinite(row.usageAmount)).toBe(true);
    }
  });

  it('treats an empty 200 body as a protocol error, not as "no rows"', async () => {
    const sim = await started({ processingMs: 0 });
    const { client } = clientFor(sim);
    const orgId = firstOrgId(sim);
    const { token } = await client.createUsageQuery(orgId, lastMonthFilter(sim));
    sim.faults.add({ route: 'getUsage', action: { kind: 'status', status: 200, body: '' } });
    await expect(client.getUsageQuery(orgId, token)).rejects.toThrow(/empty body/);
  });

  it('reports a token Atlas does not know as a 404 after one call', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    const orgId = firstOrgId(sim);
    const err = await client.getUsageQuery(orgId, 'A'.repeat(64)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect(err).toMatchObject({ status: 404, errorCode: 'RESOURCE_NOT_FOUND' });
    expect(callsTo(sim, 'getUsage')).toHaveLength(1);
    // Atlas echoes the token in detail and parameters; the BFF may show detail to a browser.
    const { message, detail, parameters } = err as AtlasApiError;
    expect(JSON.stringify({ message, detail, parameters })).not.toContain('A'.repeat(64));
  });
});

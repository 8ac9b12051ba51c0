import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMonthStart, monthFromIndex, monthIndex } from '../../src/contract';
import { startStack, waitForRows, type Stack } from '../support/stack';

let stack: Stack;
let orgId: string;
const current = currentMonthStart(new Date());
const first = monthFromIndex(monthIndex(current) - 3);
const last = monthFromIndex(monthIndex(current) - 1);

beforeAll(async () => {
  stack = await startStack();
  const orgs = (await (await stack.api('/api/orgs')).json()) as { items: Array<{ id: string }> };
  orgId = orgs.items[0]!.id;
});
afterAll(async () => {
  await stack.close();
});

const createBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ period: { kind: 'months', first, last }, ...extra });
const months = (from: string, to: string) => ({
  period: { kind: 'months', first: from, last: to },
});

const usageCalls = () =>
  stack.simulator.requests.filter((r) => r.route === 'createUsage' || r.route === 'getUsage');

describe('POST /api/orgs/:orgId/cost-queries', () => {
  it('runs a query through Atlas and returns the rows with exact totals', async () => {
    const res = await stack.api(`/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body: createBody(),
    });
    expect(res.status).toBe(202);
    const created = (await res.json()) as { id: string; status: string };
    expect(created.status).toBe('processing');
    expect(res.headers.get('location')).toBe(`/api/orgs/${orgId}/cost-queries/${created.id}`);
    const done = (await waitForRows(stack, orgId, created.id)) as {
      status: string;
      result: {
        usageDetails: Array<Record<string, unknown> & { usageAmountCents: number }>;
        totals: { totalCents: number };
      };
    };
    expect(done.status).toBe('done');
    expect(done.result.usageDetails.length).toBeGreaterThan(0);
    const cents = done.result.usageDetails.reduce((sum, row) => sum + row.usageAmountCents, 0);
    expect(done.result.totals.totalCents).toBe(cents);
    // Integer cents only, and the cluster's id once: Atlas's float and clusterUniqueId stay here.
    for (const row of done.result.usageDetails) {
      expect(Number.isSafeInteger(row.usageAmountCents)).toBe(true);
      expect(row).not.toHaveProperty('usageAmount');
      expect(row).not.toHaveProperty('clusterUniqueId');
    }
  });

  it('answers a processing poll with a Retry-After hint and never exposes the Atlas token', async () => {
    stack.simulator.setProcessingMs(60_000);
    try {
      // The first test's identical query is in the result cache now; refresh asks Atlas again.
      const res = await stack.api(`/api/orgs/${orgId}/cost-queries?refresh=true`, {
        method: 'POST',
        body: createBody(),
      });
      const created = (await res.json()) as { id: string };
      const poll = await stack.api(`/api/orgs/${orgId}/cost-queries/${created.id}`);
      expect(poll.status).toBe(200);
      expect(Number(poll.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = await poll.text();
      expect(JSON.parse(body)).toMatchObject({ id: created.id, status: 'processing' });
      const tokens = stack.simulator.requests
        .filter((r) => r.route === 'getUsage')
        .map((r) => r.path.split('/').pop()!);
      for (const token of tokens) expect(body).not.toContain(token);
      expect(body).not.toMatch(/[0-9a-f]{64}/i);
      const cancel = await stack.api(`/api/orgs/${orgId}/cost-queries/${created.id}`, {
        method: 'DELETE',
      });
      expect(cancel.status).toBe(204);
      expect((await stack.api(`/api/orgs/${orgId}/cost-queries/${created.id}`)).status).toBe(404);
    } finally {
      stack.simulator.setProcessingMs(30);
    }
  });

  it('refuses a request without X-CSRF: 1 with 403 and does not call Atlas', async () => {
    stack.simulator.clearRequests();
    const res = await stack.api(`/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body: createBody(),
      csrf: false,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(usageCalls()).toHaveLength(0);
  });

  it('refuses a first month of 2025-01-15 with a 400 naming it, and does not call Atlas', async () => {
    stack.simulator.clearRequests();
    const res = await stack.api(`/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body: createBody(months('2025-01-15', last)),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: Array<{ field: string; message: string }> };
    expect(problem.errors.map((e) => e.field)).toContain('period.first');
    expect(usageCalls()).toHaveLength(0);
  });

  it.each([
    ['a last month before the first', months(last, first), 'period.last'],
    ['an unknown field', { granularity: 'MONTHLY' }, 'body'],
    ['Atlas’s own date fields', { startDate: first, endDate: current }, 'body'],
    [
      'a cluster name instead of an id',
      { filters: { clusters: ['orders-prod'] } },
      'filters.clusters.0',
    ],
    ['an unknown service', { filters: { services: ['Lunch'] } }, 'filters.services.0'],
    ['another organization than the path’s', { orgId: 'a'.repeat(24) }, 'orgId'],
    [
      'a first month more than 18 months back',
      months(monthFromIndex(monthIndex(current) - 19), last),
      'period.first',
    ],
    [
      'a month in the future',
      months(first, monthFromIndex(monthIndex(current) + 1)),
      'period.last',
    ],
  ])('refuses %s with a 400 naming the field', async (_name, extra, field) => {
    stack.simulator.clearRequests();
    const res = await stack.api(`/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body: createBody(extra),
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toContain(field);
    expect(usageCalls()).toHaveLength(0);
  });

  it('refuses a malformed org id with 400 before calling Atlas', async () => {
    stack.simulator.clearRequests();
    const res = await stack.api('/api/orgs/..%2F..%2Fadmin/cost-queries', {
      method: 'POST',
      body: createBody(),
    });
    expect(res.status).toBe(400);
    expect(usageCalls()).toHaveLength(0);
  });

  it('refuses a form-encoded body with 415 and an oversized body with 413', async () => {
    const form = await stack.api(`/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body: 'startDate=2025-01-01',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const huge = await stack.api(`/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body: createBody({ filters: { projects: Array(20_000).fill('a'.repeat(24)) } }),
    });
    expect(huge.status).toBe(413);
  });
});

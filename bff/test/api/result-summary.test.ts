import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostSummary, UsageRow } from '../../src/contract';
import { closedMonths, createQuery, firstOrgId } from '../support/queries';
import { startStack, waitForRows, type Stack } from '../support/stack';

// Decision 017: a finished poll carries the summary the chart and pivot draw (cents per group
// and month), the rows come from `GET …/rows`, compressed. Checked against the rows themselves,
// summed here by hand (not with the function the BFF uses).

let stack: Stack;
let orgId: string;
beforeAll(async () => {
  stack = await startStack();
  orgId = await firstOrgId(stack);
});
afterAll(() => stack.close());

type Done = {
  status: string;
  result: {
    summary: CostSummary;
    totals: { totalCents: number; rowCount: number };
    usageDetails: UsageRow[];
  };
};

async function ask(body: unknown): Promise<{ id: string; done: Done }> {
  const res = await createQuery(stack, orgId, body);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return { id, done: (await waitForRows(stack, orgId, id)) as Done };
}

const idOf: Record<string, (row: UsageRow) => string | undefined> = {
  projects: (row) => row.projectId,
  clusters: (row) => row.clusterId,
  services: (row) => row.service,
  organizations: (row) => row.organizationId,
};

describe('a finished query’s summary', () => {
  it.each(['projects', 'clusters', 'services', 'organizations'])(
    'by %s: every cell is the sum of its rows, to the cent',
    async (groupBy) => {
      const { done } = await ask(closedMonths(3, { groupBy, includePartialMatches: true }));
      expect(done.status).toBe('done');
      const { summary, totals, usageDetails: rows } = done.result;
      expect(rows.length).toBeGreaterThan(0);
      expect(summary.dimension).toBe(groupBy);
      const expected = new Map<string, number>();
      for (const row of rows) {
        const key = `${idOf[groupBy]!(row) ?? '-'}|${row.usageDate.slice(0, 7)}-01`;
        expected.set(key, (expected.get(key) ?? 0) + row.usageAmountCents);
      }
      const actual = new Map<string, number>();
      let sum = 0;
      for (const group of summary.groups) {
        group.cells.forEach((cents, i) => {
          if (cents === null) return;
          actual.set(`${group.id ?? '-'}|${summary.months[i]}`, cents);
          sum += cents;
        });
        expect(group.totalCents).toBe(group.cells.reduce<number>((s, c) => s + (c ?? 0), 0));
      }
      expect(actual).toEqual(expected);
      expect(sum + summary.unreadable.cents).toBe(totals.totalCents);
      expect(totals.rowCount).toBe(rows.length);
      // Biggest first, usage without a group last.
      const named = summary.groups.filter((g) => g.id !== undefined);
      expect(named.map((g) => g.totalCents)).toEqual(
        [...named].map((g) => g.totalCents).sort((a, b) => b - a),
      );
    },
  );

  it('the poll carries no row; the rows come compressed, only once the query is done', async () => {
    const { id, done } = await ask(closedMonths(2, { groupBy: 'clusters' }));
    const poll = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}`);
    const text = await poll.text();
    expect(text).not.toContain('usageDetails');
    expect(text).not.toContain('usageDate');
    const rows = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}/rows`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(rows.status).toBe(200);
    expect(rows.headers.get('content-encoding')).toBe('gzip');
    const body = (await rows.json()) as { rowCount: number };
    expect(body.rowCount).toBe(done.result.totals.rowCount);
  });

  it('rows of a query still running are 404, not an empty list', async () => {
    stack.simulator.setProcessingMs(60_000);
    try {
      const res = await createQuery(stack, orgId, closedMonths(1, { groupBy: 'services' }, 7));
      const { id } = (await res.json()) as { id: string };
      const rows = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}/rows`);
      expect(rows.status).toBe(404);
      await stack.api(`/api/orgs/${orgId}/cost-queries/${id}`, { method: 'DELETE' });
    } finally {
      // The test stack's own (support/stack.ts: createSimulator's processingMs).
      stack.simulator.setProcessingMs(30);
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { monthFromIndex, monthIndex } from '../../src/contract';
import { closedMonths, createQuery, question, readQuery, upstreamCalls } from '../support/queries';
import { startBff, startStack, waitForRows, type Bff, type Stack } from '../support/stack';

// Results are kept by month (services/cost-queries/month-slices.ts): a question whose months are
// partly known asks Atlas only for the rest, and answers exactly what one query would.
let stack: Stack;
/** A second BFF on the same simulator with its own store: the one-query reference. */
let reference: Bff;
let orgId: string;

beforeAll(async () => {
  stack = await startStack({ env: { ATLAS_QUERY_MAX_IDS: '7' } });
  reference = await startBff({ simulatorUrl: stack.simulator.url });
  orgId = stack.simulator.dataset.payingOrgId;
});
afterAll(async () => {
  await reference?.close();
  await stack?.close();
});
beforeEach(() => {
  stack.simulator.clearRequests();
});

async function run(bff: Pick<Bff, 'api'>, body: unknown, options: { refresh?: boolean } = {}) {
  const res = await createQuery(bff, orgId, body, options);
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return (await waitForRows(bff, orgId, id)) as {
    status: string;
    fromCache?: boolean;
    result: { usageDetails: unknown[]; totals: { totalCents: number; rowCount: number } };
  };
}

/** The bodies Atlas was sent, as `first..last` (inclusive) with their id-list lengths. */
function asked() {
  return upstreamCalls(stack.simulator, 'createUsage').map((r) => {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    const last = monthFromIndex(monthIndex(String(body.endDate)) - 1);
    return { months: `${String(body.startDate)}..${last}`, body };
  });
}

describe('results kept by month', () => {
  it('Sep–Nov then Aug–Nov asks Atlas for August only, and answers what one query answers', async () => {
    const three = closedMonths(3, { groupBy: 'projects' }, 6);
    await run(stack, three);
    stack.simulator.clearRequests();
    const four = closedMonths(4, { groupBy: 'projects' }, 6);
    const composed = await run(stack, four);
    const first = String((four.period as { first: string }).first);
    // Grouping by every project (more than the cap of 7 here) takes several parts: all August.
    expect(asked().length).toBeGreaterThan(0);
    expect(new Set(asked().map((a) => a.months))).toEqual(new Set([`${first}..${first}`]));
    const single = await run(reference, four, { refresh: true });
    // Parts merged within a month keep each part's order, not one query's: same rows, same cents.
    expect(composed.result.totals).toEqual(single.result.totals);
    expect(sortRows(composed.result.usageDetails)).toEqual(sortRows(single.result.usageDetails));
  });

  it('asks for each missing span when the known months sit in the middle', async () => {
    const middle = closedMonths(2, { services: ['Clusters', 'Backup'] }, 9);
    await run(stack, middle);
    stack.simulator.clearRequests();
    const wide = closedMonths(5, { services: ['Clusters', 'Backup'] }, 8);
    const composed = await run(stack, wide);
    const months = asked().map((a) => a.months);
    expect(months).toHaveLength(2);
    const last = monthIndex(String((wide.period as { last: string }).last));
    expect(months).toEqual([
      `${monthFromIndex(last - 4)}..${monthFromIndex(last - 3)}`,
      `${monthFromIndex(last)}..${monthFromIndex(last)}`,
    ]);
    const single = await run(reference, wide, { refresh: true });
    expect(composed.result).toEqual(single.result);
  });

  it('answers a range made only of known months without asking Atlas', async () => {
    await run(stack, closedMonths(4, { groupBy: 'services' }, 12));
    stack.simulator.clearRequests();
    const inner = closedMonths(2, { groupBy: 'services' }, 13);
    const res = await createQuery(stack, orgId, inner);
    const { id, status } = (await res.json()) as { id: string; status: string };
    expect(status).toBe('done');
    const answer = await waitForRows(stack, orgId, id);
    expect(answer).toMatchObject({ status: 'done', fromCache: true });
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(0);
    const single = await run(reference, inner, { refresh: true });
    expect(answer.result).toEqual(single.result);
  });

  it('a refresh asks Atlas for the whole range again', async () => {
    const body = closedMonths(2, { groupBy: 'organizations' }, 3);
    await run(stack, body);
    stack.simulator.clearRequests();
    await run(stack, body, { refresh: true });
    expect(asked().map((a) => a.months)).toHaveLength(1);
    expect(asked()[0]!.body.startDate).toBe((body.period as { first: string }).first);
  });
});

describe('a group-by over more ids than one Atlas query carries', () => {
  it('is asked in parts within the cap and merged exactly, with and without partial matches', async () => {
    const clusters = stack.simulator.dataset.clusters.filter((c) =>
      stack.simulator.dataset.orgs.some((o) => o.id === c.orgId),
    );
    expect(clusters.length).toBeGreaterThan(7);
    for (const includePartialMatches of [false, true]) {
      stack.simulator.clearRequests();
      const body = question(
        monthFromIndex(monthIndex(String(closedMonths(2, {}, 2).period.first))),
        String(closedMonths(2, {}, 2).period.last),
        {
          groupBy: 'clusters',
          includePartialMatches,
          organizations: [stack.simulator.dataset.linkedOrgIds[1]!],
        },
      );
      const split = await run(stack, body, { refresh: true });
      const bodies = asked().map((a) => a.body);
      expect(bodies.length).toBeGreaterThan(1);
      for (const b of bodies) expect((b.clusters as string[]).length).toBeLessThanOrEqual(7);
      const single = await run(reference, body, { refresh: true });
      expect(split.result.totals).toEqual(single.result.totals);
      expect(sortRows(split.result.usageDetails)).toEqual(sortRows(single.result.usageDetails));
    }
  });

  it('returns exactly the rows of the same question split by hand into queries within the cap', async () => {
    // One linked organization's ~70 clusters: 10 parts of 7.
    const linked = stack.simulator.dataset.linkedOrgIds[1]!;
    const body = closedMonths(1, { groupBy: 'clusters', organizations: [linked] }, 4);
    const split = await run(stack, body, { refresh: true });
    // By hand: the clusters the BFF filled in, chosen explicitly 7 at a time (the cap here).
    const filled = asked().flatMap((a) => a.body.clusters as string[]);
    expect(new Set(filled).size).toBe(filled.length);
    const byHand: unknown[] = [];
    let cents = 0;
    for (let i = 0; i < filled.length; i += 7) {
      const chunk = await run(
        reference,
        { ...body, filters: { organizations: [linked], clusters: filled.slice(i, i + 7) } },
        { refresh: true },
      );
      byHand.push(...chunk.result.usageDetails);
      cents += chunk.result.totals.totalCents;
    }
    expect(split.result.totals.totalCents).toBe(cents);
    expect(sortRows(split.result.usageDetails)).toEqual(sortRows(byHand));
  });

  it('shows progress while its parts are asked', async () => {
    stack.simulator.setProcessingMs(150);
    try {
      const projects = stack.simulator.dataset.projects
        .filter((p) => p.orgId === orgId)
        .slice(0, 3)
        .map((p) => p.id);
      const body = closedMonths(1, { groupBy: 'clusters', projects }, 15);
      const res = await createQuery(stack, orgId, body, { refresh: true });
      const { id } = (await res.json()) as { id: string };
      const state = await readQuery(stack, orgId, id);
      expect(state).toMatchObject({ status: 'processing', parts: { done: 0 } });
      expect((state.parts as { total: number }).total).toBeGreaterThan(1);
      expect((await waitForRows(stack, orgId, id)).status).toBe('done');
    } finally {
      stack.simulator.setProcessingMs(30);
    }
  });

  it('answers a held poll as each part is answered, so the page’s count follows', async () => {
    stack.simulator.setProcessingMs(150);
    try {
      const projects = stack.simulator.dataset.projects
        .filter((p) => p.orgId === orgId)
        .slice(3, 6)
        .map((p) => p.id);
      const body = closedMonths(1, { groupBy: 'clusters', projects }, 14);
      const res = await createQuery(stack, orgId, body, { refresh: true });
      const { id } = (await res.json()) as { id: string };
      const seen: number[] = [];
      let total = 0;
      for (;;) {
        // Each would hold for 20 s if a new part did not end it: past the test's timeout.
        const held = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}?wait=20`);
        const state = (await held.json()) as {
          status: string;
          parts?: { done: number; total: number };
        };
        if (state.status !== 'processing') break;
        total = state.parts!.total;
        if (seen.at(-1) !== state.parts!.done) seen.push(state.parts!.done);
      }
      expect(total).toBeGreaterThan(1);
      // Counts only go up, to the last part's start (its answer finishes the job); a busy
      // machine may let two parts pass between one answer and the next poll.
      expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(total - 1);
    } finally {
      stack.simulator.setProcessingMs(30);
    }
  });
});

/** One order for two row lists whose order within a month may differ (parts are merged). */
function sortRows(rows: unknown[]) {
  return rows.map((r) => JSON.stringify(r)).sort();
}

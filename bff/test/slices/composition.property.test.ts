import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ATLAS_SERVICES, currentMonthStart, monthFromIndex, monthIndex } from '../../src/contract';
import { createQuery, question, upstreamCalls } from '../support/queries';
import { startBff, startStack, waitForRows, type Bff, type Stack } from '../support/stack';

// For random ranges, filters, group-bys, partial flags and cache states (months already kept
// from earlier questions), the rows a question is answered with, composed from kept months and
// parts, equal those of ONE Atlas query over the whole range, to the cent.
const CAP = 4;
const RUNS = 25;
let stack: Stack;
let reference: Bff;
let orgId: string;

beforeAll(async () => {
  // A cap of 4 ids per Atlas query, so group-bys over projects and clusters are split too.
  stack = await startStack({ env: { ATLAS_QUERY_MAX_IDS: String(CAP) } });
  reference = await startBff({ simulatorUrl: stack.simulator.url });
  orgId = stack.simulator.dataset.payingOrgId;
});
afterAll(async () => {
  await reference?.close();
  await stack?.close();
});

type Result = { usageDetails: Array<Record<string, unknown>>; totals: Record<string, unknown> };

async function answer(bff: Pick<Bff, 'api'>, body: unknown, refresh = false): Promise<Result> {
  const res = await createQuery(bff, orgId, body, { refresh });
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const state = (await waitForRows(bff, orgId, id)) as { status: string; result: Result };
  expect(state.status, JSON.stringify(state)).toBe('done');
  return state.result;
}

const thisMonth = monthIndex(currentMonthStart(new Date()));
const span = (from: number, length: number) => ({
  first: monthFromIndex(thisMonth - from),
  last: monthFromIndex(thisMonth - from + length - 1),
});

it('composed answers equal a single-query reference to the cent', async () => {
  const { dataset } = stack.simulator;
  const family = [dataset.payingOrgId, ...dataset.linkedOrgIds];
  const scenario = fc
    .record({
      org: fc.constantFrom(...family),
      groupBy: fc.constantFrom(undefined, 'organizations', 'projects', 'clusters', 'services'),
      includePartialMatches: fc.boolean(),
      services: fc.subarray([...ATLAS_SERVICES], { maxLength: 2 }),
      projectPicks: fc.array(fc.nat(), { maxLength: 2 }),
      // The question: 1–6 months, ending this month at the latest.
      from: fc.integer({ min: 0, max: 16 }),
      length: fc.integer({ min: 1, max: 6 }),
      // What is already kept: questions over other spans asked first.
      warm: fc.array(fc.record({ from: fc.integer({ min: 0, max: 18 }), length: fc.nat(4) }), {
        maxLength: 3,
      }),
    })
    .map((s) => {
      const projects = dataset.projects.filter((p) => p.orgId === s.org).map((p) => p.id);
      // Clusters are grouped within one or two projects, so a run asks a few parts, not dozens.
      const picks = s.groupBy === 'clusters' && s.projectPicks.length === 0 ? [0] : s.projectPicks;
      const chosen = [...new Set(picks.map((i) => projects[i % projects.length]!))];
      return { ...s, projects: chosen, length: Math.min(s.length, s.from + 1) };
    });
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      runs += 1;
      const extra = {
        organizations: [s.org],
        projects: s.projects,
        services: s.services,
        ...(s.groupBy && { groupBy: s.groupBy }),
        includePartialMatches: s.includePartialMatches,
      };
      for (const w of s.warm) {
        const warm = span(w.from, Math.min(w.length + 1, w.from + 1));
        await answer(stack, question(warm.first, warm.last, extra));
      }
      const { first, last } = span(s.from, s.length);
      const body = question(first, last, extra);
      stack.simulator.clearRequests();
      const composed = await answer(stack, body);
      const before = upstreamCalls(stack.simulator, 'createUsage').length;
      const single = await answer(reference, body, true);
      // The reference is one Atlas query over the whole range.
      expect(upstreamCalls(stack.simulator, 'createUsage').length - before).toBe(1);
      expect(composed.totals).toEqual(single.totals);
      const split = s.groupBy === 'projects' || s.groupBy === 'clusters';
      if (split) {
        // Parts merged within a month keep each part's order; the rows and cents are the same.
        const sorted = (r: Result) => r.usageDetails.map((x) => JSON.stringify(x)).sort();
        expect(sorted(composed)).toEqual(sorted(single));
      } else {
        expect(composed.usageDetails).toEqual(single.usageDetails);
      }
    }),
    { numRuns: RUNS },
  );
  expect(runs).toBe(RUNS);
}, 240_000);

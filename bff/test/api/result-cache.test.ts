import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, waitForQuery, type Stack } from '../support/stack';
import {
  closedMonths,
  createQuery,
  includingThisMonth,
  readQuery,
  upstreamCalls,
} from '../support/queries';

let stack: Stack;
let orgId: string;

beforeAll(async () => {
  // Closed months are reused for the default hours; the current month's TTL is 1 ms here, so a
  // repeat of a range that includes it is always past its TTL.
  stack = await startStack({ env: { RESULT_CACHE_OPEN_TTL_MS: '1' } });
  orgId = stack.simulator.dataset.payingOrgId;
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  stack.simulator.clearRequests();
});

const atlasCalls = () =>
  upstreamCalls(stack.simulator, 'createUsage').length +
  upstreamCalls(stack.simulator, 'getUsage').length;

async function run(body: unknown, options: { refresh?: boolean } = {}) {
  const res = await createQuery(stack, orgId, body, options);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return await waitForQuery(stack, orgId, id);
}

// Each test asks its own question (its own months or projects), so none finds another's result
// in the cache, whatever order they run in.
describe('the result cache', () => {
  it('answers a repeat of a closed-month query from cache, with zero Atlas calls', async () => {
    const first = await run(closedMonths(3));
    expect(first).toMatchObject({ status: 'done', fromCache: false });
    expect(atlasCalls()).toBeGreaterThanOrEqual(2);

    stack.simulator.clearRequests();
    const created = await createQuery(stack, orgId, closedMonths(3));
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('done');
    const repeat = await readQuery(stack, orgId, id);
    expect(repeat).toMatchObject({ status: 'done', fromCache: true });
    expect(repeat.dataFetchedAt).toBe(first.dataFetchedAt);
    expect(repeat.result).toEqual(first.result);
    expect(atlasCalls()).toBe(0);
  });

  it('shares the cache between requests that ask the same question in other words', async () => {
    const projects = stack.simulator.dataset.projects.slice(0, 2).map((p) => p.id);
    await run(closedMonths(2, { projects, includePartialMatches: false }));
    stack.simulator.clearRequests();
    const again = await run(closedMonths(2, { projects: [projects[1], projects[0], projects[1]] }));
    expect(again.fromCache).toBe(true);
    expect(atlasCalls()).toBe(0);
  });

  it('asks Atlas again when the page says refresh, and serves the fresh data afterwards', async () => {
    const question = closedMonths(3, {}, 1);
    const cached = await run(question);
    stack.simulator.clearRequests();
    const fresh = await run(question, { refresh: true });
    expect(fresh.fromCache).toBe(false);
    expect(Date.parse(String(fresh.dataFetchedAt))).toBeGreaterThan(
      Date.parse(String(cached.dataFetchedAt)),
    );
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
    const next = await run(question);
    expect(next).toMatchObject({ fromCache: true, dataFetchedAt: fresh.dataFetchedAt });
  });

  it('refetches a range that includes the current month once its short TTL has passed', async () => {
    await run(includingThisMonth(2));
    stack.simulator.clearRequests();
    const again = await run(includingThisMonth(2));
    expect(again.fromCache).toBe(false);
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
  });

  it('rejects a refresh flag that is not true or false, without calling Atlas', async () => {
    const res = await stack.api(`/api/orgs/${orgId}/cost-queries?refresh=yes`, {
      method: 'POST',
      body: JSON.stringify(closedMonths(1)),
    });
    expect(res.status).toBe(400);
    expect(atlasCalls()).toBe(0);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATLAS_SERVICES } from '../../src/contract';
import { closedMonths } from '../support/queries';
import { startAccessStack, type AccessStack } from '../support/access-stack';

/**
 * Work one user can cause is bounded: every attempt counts toward the per-user limit (failed
 * ones too), ids nobody serves never reach Atlas or a budget, and the budgets' memory stays
 * small however many organization ids are made up.
 */
const LIMIT = 25;
let stack: AccessStack;

beforeAll(async () => {
  stack = await startAccessStack({
    access: () => ({ users: {}, groups: { finance: '*' } }),
    env: {
      USER_QUERY_LIMIT: String(LIMIT),
      USER_QUERY_WINDOW_MS: '600000',
      // Counts, not speed, are under test: a loaded machine must not turn a create into a 504.
      ATLAS_TIMEOUT_MS: '30000',
    },
  });
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

const randomOrgId = () => randomBytes(12).toString('hex');

/** `total` requests, `width` at a time; the statuses counted. */
async function burst(total: number, width: number, send: (i: number) => Promise<Response>) {
  const statuses = new Map<number, number>();
  for (let start = 0; start < total; start += width) {
    const batch = Array.from({ length: Math.min(width, total - start) }, (_, k) => send(start + k));
    for (const res of await Promise.all(batch)) {
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await res.body?.cancel();
    }
  }
  return Object.fromEntries(statuses);
}

describe('1,000 creates by one user', () => {
  it('for random org ids: the limit answers 429, Atlas hears nothing, no budget grows', async () => {
    const ids: string[] = [];
    const statuses = await burst(1_000, 50, () => {
      const id = randomOrgId();
      ids.push(id);
      return stack.as('mallory@example.com', `/api/orgs/${id}/cost-queries`, {
        method: 'POST',
        body: closedMonths(2),
        groups: 'finance',
      });
    });
    expect(statuses).toEqual({ 404: LIMIT, 429: 1_000 - LIMIT });
    const calls = stack.simulator.requests;
    expect(calls.filter((r) => r.route === 'createUsage')).toEqual([]);
    expect(calls.filter((r) => ids.some((id) => r.path.includes(id)))).toEqual([]);
    // Only the org list itself was read (with a token for it), whatever the ids.
    expect(
      calls.map((r) => r.route).filter((route) => route !== 'listOrgs' && route !== 'oauthToken'),
    ).toEqual([]);
    expect(await stack.bff.bff.budgets.queries.size()).toBe(0);
  });

  it('for a served org: no more Atlas queries than the limit lets through', async () => {
    const org = stack.orgs.a;
    const statuses = await burst(1_000, 10, (i) =>
      stack.as('mo@example.com', `/api/orgs/${org}/cost-queries`, {
        method: 'POST',
        body: closedMonths(1 + (i % 12), { services: [ATLAS_SERVICES[i % ATLAS_SERVICES.length]] }),
        groups: 'finance',
      }),
    );
    expect(statuses).toEqual({ 202: LIMIT, 429: 1_000 - LIMIT });
    const creates = stack.simulator.requests.filter((r) => r.route === 'createUsage');
    expect(creates.length).toBeLessThanOrEqual(LIMIT);
    expect(creates.length).toBeGreaterThan(0);
    expect(await stack.bff.bff.budgets.queries.size()).toBe(1);
  });
});

describe('1,000 list look-ups for random org ids', () => {
  it('are answered 404 from the org list: no Atlas call about them, no budget, no cache growth', async () => {
    const statuses = await burst(1_000, 50, () =>
      stack.as('mallory@example.com', `/api/orgs/${randomOrgId()}/projects`, {
        groups: 'finance',
      }),
    );
    expect(statuses).toEqual({ 404: 1_000 });
    expect(
      stack.simulator.requests.filter((r) => r.route !== 'listOrgs' && r.route !== 'oauthToken'),
    ).toEqual([]);
    // The lists' budget holds at most the org list's own bucket.
    expect(stack.bff.bff.budgets.pickers.size).toBeLessThanOrEqual(1);
  });
});

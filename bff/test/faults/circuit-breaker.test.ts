import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';
import { closedMonths, createQuery } from '../support/queries';

/** Long enough for the fast-fail burst below to finish while the circuit is still open. */
const HALF_OPEN_MS = 2500;

let stack: Stack;
let orgId: string;

beforeAll(async () => {
  stack = await startStack({
    env: { BREAKER_FAILURES: '5', BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS) },
  });
  orgId = stack.simulator.dataset.payingOrgId;
});
afterAll(async () => {
  await stack.close();
});

const create = () => createQuery(stack, orgId, closedMonths(1));

describe('the circuit breaker', () => {
  it('opens after 5 failures in a row, fails fast without calling Atlas, and one probe closes it', async () => {
    stack.simulator.faults.add({
      route: 'createUsage',
      action: { kind: 'status', status: 500 },
      times: 'always',
    });
    for (let i = 0; i < 5; i++) expect((await create()).status).toBe(502);
    expect(stack.simulator.requests.filter((r) => r.route === 'createUsage')).toHaveLength(5);

    stack.simulator.clearRequests();
    const fastFails = await Promise.all(
      Array.from({ length: 15 }, (_, i) => createQuery(stack, orgId, closedMonths(1, {}, i))),
    );
    expect(new Set(fastFails.map((r) => r.status))).toEqual(new Set([503]));
    expect(Number(fastFails[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const picker = await stack.api(`/api/orgs/${orgId}/projects`);
    expect(picker.status).toBe(503);
    expect(stack.simulator.requests).toHaveLength(0);

    stack.simulator.faults.clear();
    // Until half-open every try is another fast 503; then exactly one probe reaches Atlas.
    await expect
      .poll(async () => (await create()).status, { timeout: 5_000, interval: 50 })
      .toBe(202);
    expect(stack.simulator.requests.filter((r) => r.route === 'createUsage')).toHaveLength(1);
    const after = await createQuery(stack, orgId, closedMonths(2));
    expect(after.status).toBe(202);
  });
});

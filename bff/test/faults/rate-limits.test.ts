import { afterEach, describe, expect, it } from 'vitest';
import { startStack, waitForQuery, type Stack } from '../support/stack';
import { closedMonths, createQuery, readQuery, upstreamCalls } from '../support/queries';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const idOf = async (res: Response) => ((await res.json()) as { id: string }).id;

describe('rate limits: honoured, queued and shown, never a failure while there is time', () => {
  it('after a 429 with Retry-After: 2 the query waits, says until when, and calls again ≥ 2 s later', async () => {
    stack = await startStack({ simulator: { processingMs: 0 } });
    const orgId = stack.simulator.dataset.payingOrgId;
    stack.simulator.faults.add({
      route: 'createUsage',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '2' } },
    });
    const res = await createQuery(stack, orgId, closedMonths(1));
    expect(res.status).toBe(202);
    const id = await idOf(res);
    const waiting = await readQuery(stack, orgId, id);
    expect(waiting).toMatchObject({
      status: 'processing',
      apiCapacity: { remaining: 0, limit: 500 },
    });
    // Times are compared on the servers' own clocks (the simulator's log, the BFF's answer),
    // never against the test's, so a slow machine cannot fail them.
    const [limited] = upstreamCalls(stack.simulator, 'createUsage');
    const waitingUntil = Date.parse(String(waiting.waitingUntil));
    expect(waitingUntil - limited!.time).toBeGreaterThanOrEqual(2000);
    // The one real wait in the suite: Atlas's 2 s is the behaviour under test.
    expect((await waitForQuery(stack, orgId, id)).status).toBe('done');
    const calls = upstreamCalls(stack.simulator, 'createUsage');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.time).toBeGreaterThanOrEqual(waitingUntil);
  });

  it('a Retry-After longer than the deadline fails the create at once with 503 and Retry-After', async () => {
    stack = await startStack({ env: { QUERY_DEADLINE_MS: '5000' } });
    const orgId = stack.simulator.dataset.payingOrgId;
    stack.simulator.faults.add({
      route: 'createUsage',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '120' } },
    });
    const res = await createQuery(stack, orgId, closedMonths(1));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('120');
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
  });

  it('when the BFF’s own budget for the org is spent, new queries wait without calling Atlas', async () => {
    stack = await startStack({
      env: { ATLAS_RATE_LIMIT_CAPACITY: '1', ATLAS_RATE_LIMIT_PER_MINUTE: '1' },
    });
    const orgId = stack.simulator.dataset.payingOrgId;
    const first = await createQuery(stack, orgId, closedMonths(1));
    const second = await createQuery(stack, orgId, closedMonths(2));
    expect([first.status, second.status]).toEqual([202, 202]);
    const firstState = await readQuery(stack, orgId, await idOf(first));
    const state = await readQuery(stack, orgId, await idOf(second));
    expect(state.status).toBe('processing');
    // One token a minute, spent by the first query: the next is a minute after that one began.
    const waitMs =
      Date.parse(String(state.waitingUntil)) - Date.parse(String(firstState.createdAt));
    expect(waitMs).toBeGreaterThanOrEqual(60_000);
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
    expect(upstreamCalls(stack.simulator, 'getUsage')).toHaveLength(0);
  });

  it('shows Atlas’s remaining request capacity from its RateLimit headers', async () => {
    stack = await startStack({
      simulator: { processingMs: 5000, rateLimit: { capacity: 50, refillPerMinute: 10 } },
    });
    const orgId = stack.simulator.dataset.payingOrgId;
    const id = await idOf(await createQuery(stack, orgId, closedMonths(1)));
    const state = await readQuery(stack, orgId, id);
    expect(state).toMatchObject({
      status: 'processing',
      apiCapacity: { remaining: 49, limit: 50 },
    });
  });
});

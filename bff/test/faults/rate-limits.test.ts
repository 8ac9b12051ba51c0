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

  it('under Atlas’s fixed-interval refill, a burst past the bucket waits for the next refill and makes no extra calls', async () => {
    // Atlas refills its Invoices bucket in steps (100 every 60 s); here 3 every 2 s, so the
    // Retry-After a 429 carries is the time to the next step (≤ 2 s) instead of ~1 s.
    const intervalMs = 2000;
    stack = await startStack({
      simulator: {
        processingMs: 0,
        rateLimit: { capacity: 3, refillPerMinute: 90, refillIntervalMs: intervalMs },
      },
    });
    const orgId = stack.simulator.dataset.payingOrgId;
    // Three questions at once need at least six calls (a create and a poll each): three too many.
    const ids = await Promise.all(
      [1, 2, 3].map(async (months) => idOf(await createQuery(stack!, orgId, closedMonths(months)))),
    );
    const limited = () => stack!.simulator.requests.filter((r) => r.status === 429);
    for (let i = 0; i < 400 && limited().length === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const [first429] = limited();
    expect(first429).toBeDefined();
    // While it waits the query says until when: the page counts down to it.
    const states = await Promise.all(ids.map((id) => readQuery(stack!, orgId, id)));
    const waiting = states.filter((s) => s.status === 'processing' && s.waitingUntil);
    expect(waiting.length).toBeGreaterThan(0);
    const until = Math.min(...waiting.map((s) => Date.parse(String(s.waitingUntil))));
    expect(until - first429!.time).toBeGreaterThanOrEqual(1000);
    expect(until - first429!.time).toBeLessThanOrEqual(intervalMs + 1000);

    const done = await Promise.all(ids.map((id) => waitForQuery(stack!, orgId, id)));
    expect(done.map((d) => d.status)).toEqual(['done', 'done', 'done']);
    const calls = stack.simulator.requests.filter(
      (r) => r.route === 'createUsage' || r.route === 'getUsage',
    );
    const last429 = limited().at(-1)!;
    // After the refill every call went through: the 429s were the burst's own.
    // During the wait Atlas heard at most the burst's other calls already on their way (each a
    // different query, each refused), and no query asked twice: nothing was retried early.
    const duringWait = calls.filter((r) => r.time > first429!.time && r.time < until);
    expect(duringWait.every((r) => r.status === 429)).toBe(true);
    expect(new Set(duringWait.map((r) => r.path)).size).toBe(duringWait.length);
    expect(duringWait.map((r) => r.path)).not.toContain(first429!.path);
    expect(calls.filter((r) => r.time > last429.time && r.status === 429)).toEqual([]);
    expect(limited().length).toBeLessThanOrEqual(3);
    expect(calls.filter((r) => r.route === 'createUsage' && r.status === 202)).toHaveLength(3);
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

import { describe, expect, it, vi } from 'vitest';
import { closedMonths, createQuery, firstOrgId, upstreamCalls } from '../support/queries';
import { faultFreeStackPerFile, startStack, waitForQuery } from '../support/stack';

// GET …/cost-queries/:id?wait=<seconds>: a processing query's answer is held until the query
// changes. Timings are compared on the servers' clocks (the simulator runs in this process).

const use = faultFreeStackPerFile();

async function createdId(res: Response): Promise<string> {
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const poll = (path: string, wait: string, init: RequestInit = {}) => {
  const { stack } = use();
  return stack.api(`${path}?wait=${wait}`, init);
};

describe('GET /api/orgs/:orgId/cost-queries/:id?wait=', () => {
  it('answers as soon as the job finishes, in one request', async () => {
    const { stack, orgId } = use();
    stack.simulator.setProcessingMs(300);
    const id = await createdId(await createQuery(stack, orgId, closedMonths(2), { refresh: true }));
    const res = await poll(`/api/orgs/${orgId}/cost-queries/${id}`, '20');
    const answeredAt = Date.now();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('done');
    const lastPoll = upstreamCalls(stack.simulator, 'getUsage').at(-1)!;
    // Held until Atlas's final answer; not to the wait's end (20 s is past the test's timeout).
    expect(lastPoll.status).toBe(200);
    expect(lastPoll.time).toBeLessThanOrEqual(answeredAt);
  });

  it('answers processing when the wait ends before the job changes', async () => {
    const { stack, orgId } = use();
    stack.simulator.setProcessingMs(60_000);
    const id = await createdId(await createQuery(stack, orgId, closedMonths(3), { refresh: true }));
    const res = await poll(`/api/orgs/${orgId}/cost-queries/${id}`, '1');
    expect(res.status).toBe(200);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect(((await res.json()) as { status: string }).status).toBe('processing');
    // More than one Atlas poll happened meanwhile: those alone do not end a held poll.
    expect(upstreamCalls(stack.simulator, 'getUsage').length).toBeGreaterThan(1);
    await stack.api(`/api/orgs/${orgId}/cost-queries/${id}`, { method: 'DELETE' });
  });

  it('answers at once for a finished job, a failed one and an unknown id', async () => {
    const { stack, orgId } = use();
    stack.simulator.setProcessingMs(0);
    const done = await createdId(await createQuery(stack, orgId, closedMonths(4)));
    await waitForQuery(stack, orgId, done);
    stack.simulator.faults.add({ route: 'getUsage', action: { kind: 'status', status: 400 } });
    const failed = await createdId(
      await createQuery(stack, orgId, closedMonths(5), { refresh: true }),
    );
    await waitForQuery(stack, orgId, failed);
    // Each would hold for 20 s if held: the test's 5 s timeout says they were not.
    const answers = await Promise.all([
      poll(`/api/orgs/${orgId}/cost-queries/${done}`, '20'),
      poll(`/api/orgs/${orgId}/cost-queries/${failed}`, '20'),
      poll(`/api/orgs/${orgId}/cost-queries/AAAAAAAAAAAAAAAAAAAAAA`, '20'),
    ]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ status: unknown }>;
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404]);
    expect(bodies.slice(0, 2).map((b) => b.status)).toEqual(['done', 'failed']);
  });

  it.each(['26', 'abc', '-1', '1.5'])(
    'refuses wait=%s with a 400 naming the field',
    async (wait) => {
      const { orgId } = use();
      const res = await poll(`/api/orgs/${orgId}/cost-queries/AAAAAAAAAAAAAAAAAAAAAA`, wait);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field)).toContain('wait');
    },
  );

  it('lets go of its job when the browser goes away', async () => {
    const { stack, orgId } = use();
    stack.simulator.setProcessingMs(60_000);
    const id = await createdId(await createQuery(stack, orgId, closedMonths(6), { refresh: true }));
    const browser = new AbortController();
    const held = poll(`/api/orgs/${orgId}/cost-queries/${id}`, '20', { signal: browser.signal });
    await vi.waitFor(() => expect(stack.bff.heldPolls(id)).toBe(1));
    browser.abort();
    await expect(held).rejects.toThrow();
    await vi.waitFor(() => expect(stack.bff.heldPolls()).toBe(0));
    await stack.api(`/api/orgs/${orgId}/cost-queries/${id}`, { method: 'DELETE' });
  });

  it('answers a cancelled job’s held poll with 404', async () => {
    const { stack, orgId } = use();
    stack.simulator.setProcessingMs(60_000);
    const id = await createdId(await createQuery(stack, orgId, closedMonths(7), { refresh: true }));
    const held = poll(`/api/orgs/${orgId}/cost-queries/${id}`, '20');
    await vi.waitFor(() => expect(stack.bff.heldPolls(id)).toBe(1));
    await stack.api(`/api/orgs/${orgId}/cost-queries/${id}`, { method: 'DELETE' });
    expect((await held).status).toBe(404);
  });
});

it('a shutting-down BFF answers its held polls at once instead of draining for their wait', async () => {
  const stack = await startStack({ simulator: { processingMs: 60_000 } });
  try {
    const orgId = await firstOrgId(stack);
    const id = await createdId(await createQuery(stack, orgId, closedMonths(2)));
    const held = stack.api(`/api/orgs/${orgId}/cost-queries/${id}?wait=20`);
    await vi.waitFor(() => expect(stack.bff.heldPolls(id)).toBe(1));
    const closing = stack.bff.close();
    const res = await held;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('processing');
    await closing;
  } finally {
    await stack.close();
  }
});

it('a query Atlas takes 4 time units over costs at most 12 Atlas calls, seen in one held poll', async () => {
  // The default schedule (250 ms, then 500 ms for 10 s, up to 10 s) at a tenth of the scale.
  const stack = await startStack({
    simulator: { processingMs: 400 },
    env: {
      POLL_FIRST_MS: '25',
      POLL_DENSE_MS: '50',
      POLL_DENSE_FOR_MS: '1000',
      POLL_MAX_MS: '1000',
    },
  });
  try {
    const orgId = await firstOrgId(stack);
    const id = await createdId(await createQuery(stack, orgId, closedMonths(3)));
    const res = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}?wait=20`);
    expect(((await res.json()) as { status: string }).status).toBe('done');
    const calls = stack.simulator.requests.filter(
      (r) => r.route === 'createUsage' || r.route === 'getUsage',
    );
    expect(calls.length).toBeLessThanOrEqual(12);
    // Dense polls stop at Atlas's answer: the last call is the one that found it done.
    expect(calls.at(-1)!.status).toBe(200);
  } finally {
    await stack.close();
  }
});

import { beforeEach, describe, expect, it } from 'vitest';
import { faultFreeStackPerFile, waitForQuery } from '../support/stack';
import { closedMonths, createQuery, upstreamCalls } from '../support/queries';

const TIMEOUT_MS = 300;
const DEADLINE_MS = 400;

const shared = faultFreeStackPerFile({
  env: { ATLAS_TIMEOUT_MS: String(TIMEOUT_MS), QUERY_DEADLINE_MS: String(DEADLINE_MS) },
  simulator: { processingMs: 0 },
});
beforeEach(() => shared().stack.simulator.setProcessingMs(0));

describe('broken connections: the browser always gets an answer, and the next one works', () => {
  it('when Atlas accepts the create and never answers, the browser gets 504 from the call’s timeout', async () => {
    const { stack, orgId } = shared();
    stack.simulator.faults.add({ route: 'createUsage', action: { kind: 'hang' } });
    const res = await createQuery(stack, orgId, closedMonths(1));
    expect(res.status).toBe(504);
    // The problem names the budget that fired: the per-call ATLAS_TIMEOUT_MS, not the deadline.
    expect(await res.json()).toMatchObject({
      title: 'Atlas did not answer in time',
      detail: `No answer from Atlas within ${TIMEOUT_MS} ms. Try again in a moment.`,
    });
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
  });

  it('when the connection resets halfway through the body, the browser gets 502 and the next request succeeds', async () => {
    const { stack, orgId } = shared();
    stack.simulator.faults.add({ route: 'createUsage', action: { kind: 'reset-mid-body' } });
    const broken = await createQuery(stack, orgId, closedMonths(2));
    expect(broken.status).toBe(502);
    const again = await createQuery(stack, orgId, closedMonths(2));
    expect(again.status).toBe(202);
    const { id } = (await again.json()) as { id: string };
    expect((await waitForQuery(stack, orgId, id)).status).toBe('done');
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(2);
  });

  it('when Atlas answers 102 for ever, the query fails at the deadline with a clear message', async () => {
    const { stack, orgId } = shared();
    stack.simulator.setProcessingMs(60_000);
    const res = await createQuery(stack, orgId, closedMonths(3));
    const { id } = (await res.json()) as { id: string };
    const state = (await waitForQuery(stack, orgId, id)) as {
      status: string;
      error?: { status: number; title: string; detail: string };
    };
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({ status: 504, title: 'Atlas did not finish the query' });
    expect(state.error?.detail).toContain(`still processing after ${DEADLINE_MS} ms`);
    const polls = upstreamCalls(stack.simulator, 'getUsage');
    expect(polls.length).toBeGreaterThan(1);
    expect(polls.every((p) => p.status === 102)).toBe(true);
  });
});

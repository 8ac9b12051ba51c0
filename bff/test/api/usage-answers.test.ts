import { describe, expect, it } from 'vitest';
import { faultFreeStackPerFile, waitForRows } from '../support/stack';
import { closedMonths, createQuery, upstreamCalls } from '../support/queries';

/**
 * What the spec leaves open about a finished poll's body, end to end: the simulator answers a
 * poll with a body of our choosing and the page's view of the query (the BFF's job state) must
 * be right, or say what arrived, but never a $0 that nobody measured.
 */
const shared = faultFreeStackPerFile({ simulator: { processingMs: 0 } });
let nextQuery = 0;
/** A question no earlier test asked, so neither the cache nor a shared job hides a call. */
const freshQuery = () => closedMonths(1, {}, ++nextQuery);

async function askWithPollAnswer(body: unknown, times: number | 'always' = 'always') {
  const { stack, orgId } = shared();
  stack.simulator.faults.add({
    route: 'getUsage',
    action: { kind: 'status', status: 200, body },
    times,
  });
  const res = await createQuery(stack, orgId, freshQuery());
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const state = await waitForRows(stack, orgId, id);
  return { stack, state };
}

describe('a finished poll whose body the spec does not describe', () => {
  it('`{}` is an answer with no usage: done, no rows, a total of zero Atlas reported', async () => {
    const { state } = await askWithPollAnswer({});
    expect(state).toMatchObject({
      status: 'done',
      result: { usageDetails: [], totals: { totalCents: 0 } },
    });
  });

  it('a status word keeps the query polling until the rows come', async () => {
    const { stack, state } = await askWithPollAnswer({ status: 'IN_PROGRESS' }, 2);
    expect(state.status).toBe('done');
    const polls = upstreamCalls(stack.simulator, 'getUsage');
    expect(polls).toHaveLength(3);
    const { result } = state as {
      result: { usageDetails: unknown[]; totals: { totalCents: number } };
    };
    expect(result.usageDetails.length).toBeGreaterThan(0);
    expect(result.totals.totalCents).toBeGreaterThan(0);
  });

  it('anything else fails the query naming the keys it saw, never its values, after one poll', async () => {
    const { stack, state } = await askWithPollAnswer({
      results: [{ usageAmount: 12.34, projectName: 'Secret Shop' }],
      totalCount: 1,
    });
    expect(state).toMatchObject({ status: 'failed', error: { status: 502 } });
    const { error } = state as { error: { title: string; detail: string } };
    expect(error.title).toBe('Atlas sent an answer this dashboard does not understand');
    expect(error.detail).toContain('results: array, totalCount: number');
    expect(JSON.stringify(state)).not.toMatch(/12\.34|Secret Shop/);
    expect(state).not.toHaveProperty('result');
    // Asking again would get the same answer: one poll, no retry, no breaker trip.
    expect(upstreamCalls(stack.simulator, 'getUsage')).toHaveLength(1);
  });
});

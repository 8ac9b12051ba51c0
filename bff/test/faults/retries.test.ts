import { describe, expect, it } from 'vitest';
import { faultFreeStackPerFile, waitForQuery } from '../support/stack';
import { closedMonths, createQuery, upstreamCalls } from '../support/queries';

const shared = faultFreeStackPerFile({ simulator: { processingMs: 0 } });
let nextQuery = 0;
/** A question no earlier test asked, so neither the cache nor a shared job hides a call. */
const freshQuery = () => closedMonths(1, {}, ++nextQuery);

describe('retries: transient failures are retried once more, wrong questions never', () => {
  it('a 500 on a poll, then 200: the user gets the result and Atlas saw exactly two polls', async () => {
    const { stack, orgId } = shared();
    stack.simulator.faults.add({ route: 'getUsage', action: { kind: 'status', status: 500 } });
    const res = await createQuery(stack, orgId, freshQuery());
    const { id } = (await res.json()) as { id: string };
    const state = await waitForQuery(stack, orgId, id);
    expect(state.status).toBe('done');
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
    expect(upstreamCalls(stack.simulator, 'getUsage').map((r) => r.status)).toEqual([500, 200]);
  });

  it.each([400, 403, 404])(
    'Atlas %i on the create reaches the user as is, after exactly one call',
    async (status) => {
      const { stack, orgId } = shared();
      stack.simulator.faults.add({ route: 'createUsage', action: { kind: 'status', status } });
      const res = await createQuery(stack, orgId, freshQuery());
      expect(res.status).toBe(status);
      expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
    },
  );

  it.each([400, 403, 404])(
    'Atlas %i on a poll fails the query after exactly one poll',
    async (status) => {
      const { stack, orgId } = shared();
      stack.simulator.faults.add({ route: 'getUsage', action: { kind: 'status', status } });
      const res = await createQuery(stack, orgId, freshQuery());
      const { id } = (await res.json()) as { id: string };
      const state = (await waitForQuery(stack, orgId, id)) as { error?: { status: number } };
      expect(state).toMatchObject({ status: 'failed', error: { status } });
      expect(upstreamCalls(stack.simulator, 'getUsage')).toHaveLength(1);
    },
  );

  it('a 500 on the create is answered 502 after one call: a second POST could start a second Atlas query', async () => {
    const { stack, orgId } = shared();
    stack.simulator.faults.add({ route: 'createUsage', action: { kind: 'status', status: 500 } });
    const res = await createQuery(stack, orgId, freshQuery());
    expect(res.status).toBe(502);
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
  });

  it('a poll that keeps failing fails the query after ATLAS_MAX_RETRIES more tries', async () => {
    const { stack, orgId } = shared();
    stack.simulator.faults.add({
      route: 'getUsage',
      action: { kind: 'status', status: 502 },
      times: 'always',
    });
    const res = await createQuery(stack, orgId, freshQuery());
    const { id } = (await res.json()) as { id: string };
    const state = (await waitForQuery(stack, orgId, id)) as { error?: { status: number } };
    expect(state).toMatchObject({ status: 'failed', error: { status: 502 } });
    expect(upstreamCalls(stack.simulator, 'getUsage')).toHaveLength(4);
  });
});

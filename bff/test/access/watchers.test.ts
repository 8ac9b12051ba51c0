import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedMonths, upstreamCalls } from '../support/queries';
import { startAccessStack, type AccessStack } from '../support/access-stack';
import { waitForRows } from '../support/stack';

/**
 * Watching a query job is per viewer: a second viewer who joins Alice's job can stop watching
 * it (DELETE), as often as they like, and Alice's query keeps running and delivers its result.
 */
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
let stack: AccessStack;

beforeAll(async () => {
  stack = await startAccessStack({ access: () => ({ users: {}, groups: { staff: '*' } }) });
});
afterAll(() => stack.close());
beforeEach(() => {
  stack.simulator.clearRequests();
  // Long enough that both viewers act while Atlas is still processing.
  stack.simulator.setProcessingMs(1_500);
});

const as = (email: string, path: string, method = 'GET', body?: unknown) =>
  stack.as(email, path, { method, groups: 'staff', ...(body !== undefined && { body }) });

describe('two viewers of one query job', () => {
  it('a second viewer’s two DELETEs leave the first viewer’s query running and delivered', async () => {
    const org = stack.orgs.a;
    const body = closedMonths(5);
    const first = (await (
      await as(ALICE, `/api/orgs/${org}/cost-queries`, 'POST', body)
    ).json()) as {
      id: string;
    };
    const joined = (await (
      await as(BOB, `/api/orgs/${org}/cost-queries`, 'POST', body)
    ).json()) as {
      id: string;
      status: string;
    };
    expect(joined).toEqual({ id: first.id, status: 'processing' });

    for (let i = 0; i < 2; i++) {
      const res = await as(BOB, `/api/orgs/${org}/cost-queries/${first.id}`, 'DELETE');
      expect(res.status).toBe(204);
    }
    const job = await stack.bff.bff.store.jobs.get(first.id);
    expect(job).toMatchObject({ phase: expect.stringMatching(/^(queued|polling)$/), watchers: 1 });

    const done = await waitForRows({ api: (p) => as(ALICE, p) }, org, first.id);
    expect(done.status).toBe('done');
    expect((done.result as { usageDetails: unknown[] }).usageDetails.length).toBeGreaterThan(0);
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
  });

  it('the last viewer to leave cancels the job, and Atlas’s token is forgotten', async () => {
    const org = stack.orgs.a;
    const body = closedMonths(6);
    const { id } = (await (
      await as(ALICE, `/api/orgs/${org}/cost-queries`, 'POST', body)
    ).json()) as {
      id: string;
    };
    await as(BOB, `/api/orgs/${org}/cost-queries`, 'POST', body);
    expect((await as(BOB, `/api/orgs/${org}/cost-queries/${id}`, 'DELETE')).status).toBe(204);
    expect((await as(ALICE, `/api/orgs/${org}/cost-queries/${id}`, 'DELETE')).status).toBe(204);
    expect(await stack.bff.bff.store.jobs.get(id)).toMatchObject({
      phase: 'cancelled',
      token: null,
      watchers: 0,
    });
    expect((await as(ALICE, `/api/orgs/${org}/cost-queries/${id}`)).status).toBe(404);
  });
});

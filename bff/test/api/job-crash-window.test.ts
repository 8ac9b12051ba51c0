import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedMonths, createQuery, firstOrgId, upstreamCalls } from '../support/queries';
import { startStack, waitForQuery, type Stack } from '../support/stack';

/**
 * Storing a result and marking its job done are two writes. A crash between them must not leave
 * the job polling Atlas until its deadline (or failing on a duplicate result): whoever resumes
 * the job finds the result and finishes it, with no further Atlas call.
 */
let stack: Stack;
let crashes = 0;

beforeAll(async () => {
  stack = await startStack({
    jobHooks: {
      afterResultWrite: () => {
        // The first job to get this far "dies" between the two writes; its lease then runs out.
        if (crashes === 0) {
          crashes += 1;
          throw new Error('injected crash after the result write');
        }
      },
    },
  });
});
afterAll(() => stack.close());

describe('a crash between the result write and the job update', () => {
  it('resumes to done with one result and no further Atlas call', async () => {
    const orgId = await firstOrgId(stack);
    const res = await createQuery(stack, orgId, closedMonths(2));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const done = await waitForQuery(stack, orgId, id);
    expect(done.status).toBe('done');
    expect(crashes).toBe(1);

    // Atlas answered the poll with the result exactly once, and was not asked after that.
    const polls = upstreamCalls(stack.simulator, 'getUsage');
    const answered = polls.filter((r) => r.status === 200);
    expect(answered).toHaveLength(1);
    expect(polls.at(-1)).toBe(answered[0]);
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);

    const job = await stack.bff.store.jobs.get(id);
    expect(job).toMatchObject({ phase: 'done', resultId: id, token: null });
    expect(await stack.bff.store.results.has(id)).toBe(true);
    expect(stack.logs()).toContain('injected crash after the result write');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';
import { closedMonths, createQuery, readQuery, upstreamCalls } from '../support/queries';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('a crowd costs Atlas what one person costs', () => {
  it('50 concurrent identical creates make one Atlas POST and all get the same id', async () => {
    // Atlas takes a minute: all 50 arrive while the job is in flight, however slow the machine
    // (after it is done, they would be answered by the cache instead).
    stack = await startStack({ simulator: { processingMs: 60_000 } });
    const orgId = stack.simulator.dataset.payingOrgId;
    // Same question, written 50 ways: ids in any order, duplicated, partial flag false or absent.
    const projects = stack.simulator.dataset.projects.slice(0, 3).map((p) => p.id);
    const bodies = Array.from({ length: 50 }, (_, i) =>
      closedMonths(2, {
        projects: i % 2 ? [...projects].reverse() : [...projects, projects[0]],
        ...(i % 3 === 0 && { includePartialMatches: false }),
      }),
    );
    const answers = await Promise.all(bodies.map((body) => createQuery(stack!, orgId, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    const ids = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { id: string }).id),
    );
    expect(new Set(ids).size).toBe(1);
    expect((await readQuery(stack, orgId, ids[0]!)).status).toBe('processing');
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
  });

  it('5 tabs polling one job every 20 ms cause at most one Atlas poll per poll interval', async () => {
    const intervalMs = 100;
    stack = await startStack({
      // One fixed interval: every delay of the schedule is the same.
      env: {
        POLL_FIRST_MS: String(intervalMs),
        POLL_DENSE_MS: String(intervalMs),
        POLL_INITIAL_MS: String(intervalMs),
        POLL_MAX_MS: String(intervalMs),
      },
      simulator: { processingMs: 800 },
    });
    const orgId = stack.simulator.dataset.payingOrgId;
    const { id } = (await (await createQuery(stack, orgId, closedMonths(4))).json()) as {
      id: string;
    };
    let browserPolls = 0;
    const tab = async () => {
      for (let i = 0; i < 500; i++) {
        browserPolls += 1;
        if ((await readQuery(stack!, orgId, id)).status !== 'processing') return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await Promise.all(Array.from({ length: 5 }, tab));
    const polls = upstreamCalls(stack.simulator, 'getUsage').map((r) => r.time);
    const gaps = polls.slice(1).map((time, i) => time - polls[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(intervalMs - 5);
    expect(polls.length).toBeLessThanOrEqual(
      Math.ceil((polls.at(-1)! - polls[0]!) / intervalMs) + 1,
    );
    expect(browserPolls).toBeGreaterThan(polls.length);
  });

  it('200 concurrent requests on a cold BFF mint exactly one OAuth token', async () => {
    // 200 different questions (so 200 POSTs: refreshed, none is composed from another's kept
    // months), within a budget that lets every one through now.
    stack = await startStack({ env: { ATLAS_RATE_LIMIT_CAPACITY: '5000' } });
    const orgId = stack.simulator.dataset.payingOrgId;
    const questions = [];
    for (let months = 1; months <= 18 && questions.length < 200; months++) {
      for (let endsAgo = 0; months + endsAgo <= 18; endsAgo++) {
        questions.push(closedMonths(months, {}, endsAgo));
        questions.push(closedMonths(months, { includePartialMatches: true }, endsAgo));
      }
    }
    const answers = await Promise.all(
      questions.slice(0, 200).map((body) => createQuery(stack!, orgId, body, { refresh: true })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(202));
    expect(upstreamCalls(stack.simulator, 'oauthToken')).toHaveLength(1);
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(200);
  });
});

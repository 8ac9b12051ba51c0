import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createSimulator, DEMO_CREDENTIALS, type Simulator } from '../../src/simulator';
import { startChildBff } from '../store/support/child-bff';
import { closedMonths, createQuery, readQuery, upstreamCalls } from '../support/queries';
import { startBff, waitForQuery, type Bff } from '../support/stack';
import {
  createTestDatabase,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../store/support/databases';
import { describePostgres } from '../store/support/each-database';

describePostgres('two BFF replicas sharing PostgreSQL', () => {
  let database: TestDatabase;
  let simulator: Simulator;
  let simulatorUrl: string;
  let a: Bff;
  let b: Bff;
  let orgId: string;

  beforeAll(async () => {
    database = await createTestDatabase(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    simulator = createSimulator({ processingMs: 600 });
    simulatorUrl = await simulator.listen(0, '127.0.0.1');
    const env = { DATABASE_URL: database.url };
    [a, b] = await Promise.all([startBff({ simulatorUrl, env }), startBff({ simulatorUrl, env })]);
    orgId = simulator.dataset.payingOrgId;
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await simulator.close();
  });

  it('a query created through one replica is polled through the other and finishes', async () => {
    const created = await createQuery(a, orgId, closedMonths(1), { refresh: true });
    const { id } = (await created.json()) as { id: string };
    expect((await readQuery(b, orgId, id)).status).toBe('processing');
    const state = await waitForQuery(b, orgId, id);
    expect(state.status).toBe('done');
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(1);
  });

  it('a long poll held by one replica answers when the other finishes the job', async () => {
    const created = await createQuery(a, orgId, closedMonths(4), { refresh: true });
    const { id } = (await created.json()) as { id: string };
    // a holds the lease and polls Atlas; b only reads the store while it holds the poll.
    const res = await b.api(`/api/orgs/${orgId}/cost-queries/${id}?wait=20`);
    const answeredAt = Date.now();
    expect(((await res.json()) as { status: string }).status).toBe('done');
    const lastPoll = upstreamCalls(simulator, 'getUsage').at(-1)!;
    expect(lastPoll.time).toBeLessThanOrEqual(answeredAt);
    expect(b.bff.heldPolls()).toBe(0);
  });

  it('identical creates through both replicas at once make one Atlas POST', async () => {
    const body = closedMonths(2);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createQuery(i % 2 ? a : b, orgId, body, { refresh: true }),
      ),
    );
    const ids = await Promise.all(
      answers.map(async (r) => ((await r.json()) as { id: string }).id),
    );
    expect(new Set(ids).size).toBe(1);
    expect((await waitForQuery(a, orgId, ids[0]!)).status).toBe('done');
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(1);
  });

  it('when the replica polling a job goes away, the other takes the job over and finishes it', async () => {
    const { id } = (await (
      await createQuery(a, orgId, closedMonths(3), { refresh: true })
    ).json()) as { id: string };
    await a.close(); // a held the lease: its loop stops and gives the lease back
    const state = await waitForQuery(b, orgId, id);
    expect(state.status).toBe('done');
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(1);
    expect(b.logs()).toContain('resumed query jobs');
  });

  it('when the replica polling a job is killed, the other takes over once the lease runs out', async () => {
    const crashing = await startChildBff({
      ATLAS_BASE_URL: simulatorUrl,
      ATLAS_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      DATABASE_URL: database.url,
      ATLAS_TIMEOUT_MS: '500',
      POLL_INITIAL_MS: '50',
      JOB_LEASE_MS: '200',
    });
    simulator.setProcessingMs(2000);
    const api = {
      api: (p: string, init: RequestInit = {}) =>
        fetch(`${crashing.url}${p}`, {
          ...init,
          headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
        }),
    };
    const created = await createQuery(api, orgId, closedMonths(4), { refresh: true });
    const { id } = (await created.json()) as { id: string };
    crashing.child.kill('SIGKILL'); // no shutdown: its lease stays until it runs out
    await crashing.exited;
    const state = await waitForQuery(b, orgId, id);
    expect(state.status).toBe('done');
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(1);
  });
});

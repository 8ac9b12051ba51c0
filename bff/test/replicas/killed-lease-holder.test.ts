import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSimulator, DEMO_CREDENTIALS, type Simulator } from '../../src/simulator';
import { startChildBff, type ChildBff } from '../store/support/child-bff';
import {
  createTestDatabase,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../store/support/databases';
import { describePostgres } from '../store/support/each-database';
import { closedMonths, createQuery, upstreamCalls } from '../support/queries';
import { startBff, type Bff } from '../support/stack';

/** Long enough that the holder is killed while Atlas is still working on the query. */
const PROCESSING_MS = 4_000;

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
};

describePostgres('a lease holder killed mid-query, at the shipped lease and sweep', () => {
  let database: TestDatabase;
  let simulator: Simulator;
  let simulatorUrl: string;
  let survivor: Bff;
  let holder: ChildBff | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(TEST_DATABASE_URL!);
    simulator = createSimulator({ processingMs: PROCESSING_MS });
    simulatorUrl = await simulator.listen(0, '127.0.0.1');
    // The defaults of config-schema.ts, not the test stack's short ones: this measures them.
    survivor = await startBff({
      simulatorUrl,
      env: { DATABASE_URL: database.url, JOB_LEASE_MS: '5000', JOB_SWEEP_MS: '1000' },
    });
  });
  afterAll(async () => {
    holder?.child.kill('SIGKILL');
    await survivor?.close();
    await simulator?.close();
    await database?.drop();
  });

  it('the other replica delivers the result to a held poll within 5 s of Atlas having it', async () => {
    holder = await startChildBff({
      ATLAS_BASE_URL: simulatorUrl,
      ATLAS_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      DATABASE_URL: database.url,
    });
    const holderApi = {
      api: (p: string, init: RequestInit = {}) =>
        fetch(`${holder!.url}${p}`, {
          ...init,
          headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
        }),
    };
    const orgId = simulator.dataset.payingOrgId;
    const created = await createQuery(holderApi, orgId, closedMonths(4), { refresh: true });
    const { id } = (await created.json()) as { id: string };

    // The page, on the other replica: one held poll after another until the answer comes.
    const page = (async () => {
      for (;;) {
        const res = await survivor.api(`/api/orgs/${orgId}/cost-queries/${id}?wait=20`);
        const body = (await res.json()) as { status: string };
        if (body.status !== 'processing') return { body, at: Date.now() };
      }
    })();

    // Mid-query: Atlas took the query and the holder has polled it once; then it dies.
    await until(() => upstreamCalls(simulator, 'getUsage').length > 0);
    holder.child.kill('SIGKILL');
    await holder.exited;

    const answer = await page;
    expect(answer.body.status).toBe('done');
    const createdAtAtlas = upstreamCalls(simulator, 'createUsage')[0]!.time;
    const atlasHadItAt = createdAtAtlas + PROCESSING_MS;
    const delayMs = answer.at - atlasHadItAt;
    console.log(
      `killed lease holder: result delivered ${delayMs} ms after Atlas had it ` +
        `(JOB_LEASE_MS 5000, JOB_SWEEP_MS 1000, Atlas processing ${PROCESSING_MS} ms)`,
    );
    expect(delayMs).toBeLessThanOrEqual(5_000);
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(1);
  }, 40_000);
});

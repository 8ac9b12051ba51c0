import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as forgetHistory } from '../../src/admin/forget-history';
import { currentMonthStart, monthFromIndex, monthIndex } from '../../src/contract';
import { loadConfig } from '../../src/config';
import { createSimulator, type Simulator } from '../../src/simulator';
import { createQuery, question, upstreamCalls } from '../support/queries';
import { startBff, waitForRows, type Bff } from '../support/stack';

// History past Atlas's window: months the dashboard kept while Atlas served them stay
// queryable after Atlas stops serving them. "Later" is a second BFF on the same store whose
// Atlas (a second simulator, same data) serves 12 months instead of 18.
const thisMonth = monthIndex(currentMonthStart(new Date()));
const m = (ago: number) => monthFromIndex(thisMonth - ago);

let dataDir: string;
let atlasThen: Simulator;
let atlasNow: Simulator;
let then: Bff;
let now: Bff;
let orgId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ace-history-'));
  atlasThen = createSimulator({ processingMs: 20 });
  atlasNow = createSimulator({ processingMs: 20, retentionMonths: 12 });
  const [thenUrl, nowUrl] = await Promise.all([
    atlasThen.listen(0, '127.0.0.1'),
    atlasNow.listen(0, '127.0.0.1'),
  ]);
  then = await startBff({ simulatorUrl: thenUrl, env: { DATA_DIR: dataDir } });
  now = await startBff({
    simulatorUrl: nowUrl,
    env: { DATA_DIR: dataDir, ATLAS_HISTORY_MONTHS: '12' },
  });
  orgId = atlasThen.dataset.payingOrgId;
});
afterAll(async () => {
  await Promise.all([then?.close(), now?.close()]);
  await Promise.all([atlasThen?.close(), atlasNow?.close()]);
});

type Done = {
  status: string;
  fromCache?: boolean;
  result: {
    usageDetails: Array<{ usageDate: string }>;
    totals: { totalCents: number };
    history?: Array<{ month: string; keptSince: string }>;
  };
};

async function ask(bff: Bff, body: unknown, refresh = false): Promise<Done> {
  const res = await createQuery(bff, orgId, body, { refresh });
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return (await waitForRows(bff, orgId, id)) as Done;
}

const history = async (bff: Bff) =>
  (await (await bff.api(`/api/orgs/${orgId}/history`)).json()) as Record<string, unknown>;

describe('months kept past Atlas’s window', () => {
  const services = { groupBy: 'services' };

  it('stay queryable, labelled, after Atlas stops serving them', async () => {
    const asked = await ask(then, question(m(17), m(12), services));
    expect(asked.result.history).toBeUndefined();
    expect(await history(now)).toEqual({
      atlasMonths: 12,
      atlasEarliestMonth: m(12),
      earliestKeptMonth: m(17),
      keepMonths: 60,
    });

    atlasNow.clearRequests();
    const kept = await ask(now, question(m(17), m(13), services));
    expect(kept).toMatchObject({ status: 'done', fromCache: true });
    expect(upstreamCalls(atlasNow, 'createUsage')).toHaveLength(0);
    expect(kept.result.history?.map((h) => h.month)).toEqual([m(17), m(16), m(15), m(14), m(13)]);
    for (const h of kept.result.history!) expect(Date.parse(h.keptSince)).toBeLessThan(Date.now());
    const sameMonths = asked.result.usageDetails.filter((r) => r.usageDate < m(12));
    expect(kept.result.usageDetails).toEqual(sameMonths);
  });

  it('are labelled even when the same question was answered before Atlas stopped serving them', async () => {
    // The result cache holds `then`'s answer (no labels: Atlas served every month then).
    const asked = await ask(then, question(m(17), m(16), services));
    expect(asked.result.history).toBeUndefined();
    atlasNow.clearRequests();
    const again = await ask(now, question(m(17), m(16), services));
    expect(upstreamCalls(atlasNow, 'createUsage')).toHaveLength(0);
    expect(again.result.history?.map((h) => h.month)).toEqual([m(17), m(16)]);
    expect(again.result.usageDetails).toEqual(asked.result.usageDetails);
  });

  it('compose with months Atlas still serves, asking Atlas only for those not kept', async () => {
    await ask(then, question(m(17), m(12), services));
    atlasNow.clearRequests();
    const mixed = await ask(now, question(m(16), m(10), services));
    const creates = upstreamCalls(atlasNow, 'createUsage').map(
      (r) => JSON.parse(r.body) as { startDate: string; endDate: string },
    );
    expect(creates).toEqual([expect.objectContaining({ startDate: m(11), endDate: m(9) })]);
    expect(mixed.result.history?.map((h) => h.month)).toEqual([m(16), m(15), m(14), m(13)]);
    const reference = await ask(then, question(m(16), m(10), services), true);
    expect(mixed.result.usageDetails).toEqual(reference.result.usageDetails);
    expect(mixed.result.totals).toEqual(reference.result.totals);
  });

  it('refuse, naming the month, a question reaching months nobody kept for it', async () => {
    atlasNow.clearRequests();
    // Kept for the services group-by only: the same months grouped by organization were not.
    const res = await createQuery(now, orgId, question(m(15), m(11), { groupBy: 'organizations' }));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { detail: string; errors: Array<{ field: string }> };
    expect(problem.detail).toContain(m(15));
    expect(problem.errors.map((e) => e.field)).toEqual(['period.first']);
    // Older than anything may be kept (HISTORY_KEEP_MONTHS, 60): refused at the edge.
    const ancient = await createQuery(now, orgId, question(m(61), m(60), services));
    expect(ancient.status).toBe(400);
    expect(upstreamCalls(atlasNow, 'createUsage')).toHaveLength(0);
  });

  it('end with the admin command, and with the retention', async () => {
    await ask(then, question(m(17), m(12), services));
    const config = loadConfig({
      DATA_DIR: dataDir,
      ATLAS_HISTORY_MONTHS: '12',
      ATLAS_CLIENT_ID: '',
      ATLAS_CLIENT_SECRET: '',
    });
    const out: string[] = [];
    const io = { write: (t: string) => out.push(t), log: (t: string) => out.push(t), config };
    expect(await forgetHistory(['--org', orgId], io)).toBe(2);
    expect(out.join('')).toContain('Say which months');
    out.length = 0;
    const code = await forgetHistory(['--org', orgId, '--before', m(15).slice(0, 7)], io);
    expect(code, out.join('')).toBe(0);
    expect(out.join('')).toMatch(/Deleted [1-9]\d* kept month slice/);
    expect((await history(now)).earliestKeptMonth).toBe(m(15));

    // A replica keeping 13 months deletes older kept months on its first sweep.
    const short = await startBff({
      simulatorUrl: atlasNow.url,
      env: { DATA_DIR: dataDir, ATLAS_HISTORY_MONTHS: '12', HISTORY_KEEP_MONTHS: '13' },
    });
    try {
      await expect.poll(async () => (await history(short)).earliestKeptMonth).toBe(m(13));
      expect((await history(now)).earliestKeptMonth).toBe(m(13));
    } finally {
      await short.close();
    }
  });
});

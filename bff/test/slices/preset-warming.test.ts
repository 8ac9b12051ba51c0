import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetResponseSchema } from '../../src/contract';
import { PresetWarmer } from '../../src/services/preset-warmer';
import { createSimulator, type Simulator } from '../../src/simulator';
import { presetBody } from '../support/presets';
import { createQuery, readQuery, upstreamCalls } from '../support/queries';
import { startBff, type Bff } from '../support/stack';

// Warm before asked: a preset opened lately is asked again in the background by a replica
// whose quiet hour has come, so opening its link later answers from the store.
let dataDir: string;
let simulator: Simulator;
let person: Bff;
let orgId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ace-warm-'));
  simulator = createSimulator({ processingMs: 40 });
  await simulator.listen(0, '127.0.0.1');
  person = await startBff({ simulatorUrl: simulator.url, env: { DATA_DIR: dataDir } });
  orgId = simulator.dataset.payingOrgId;
});
afterAll(async () => {
  await person?.close();
  await simulator?.close();
});

const warmingReplica = (days: string) =>
  startBff({
    simulatorUrl: simulator.url,
    env: {
      DATA_DIR: dataDir,
      WARM_PRESETS_OPENED_WITHIN_DAYS: days,
      // Every hour is past hour 0: today's run is due at the first check.
      WARM_AT_UTC_HOUR: '0',
      WARM_CHECK_MS: '50',
      WARM_YIELD_MS: '10',
    },
  });

describe('presets warmed before anyone asks', () => {
  it('a preset opened lately answers from the store when its link is opened again', async () => {
    const body = presetBody(orgId, { groupBy: 'services' }, { name: 'Month-end' });
    const saved = await person.api('/api/presets', { method: 'POST', body: JSON.stringify(body) });
    expect(saved.status).toBe(201);
    const { id } = presetResponseSchema.parse(await saved.json());
    expect((await person.api(`/api/presets/${id}`)).status).toBe(200); // opened: noted

    simulator.clearRequests();
    const warmer = await warmingReplica('7');
    try {
      await expect.poll(() => warmer.logs(), { timeout: 15_000 }).toMatch(/"warmed":1/);
    } finally {
      await warmer.close();
    }
    const warmCreates = upstreamCalls(simulator, 'createUsage');
    expect(warmCreates).toHaveLength(1);

    // The next morning: the link opens, the page asks the preset's question.
    simulator.clearRequests();
    const opened = presetResponseSchema.parse(
      await (await person.api(`/api/presets/${id}`)).json(),
    );
    const res = await createQuery(person, orgId, opened.query);
    const created = (await res.json()) as { id: string; status: string };
    expect(created.status).toBe('done');
    expect(await readQuery(person, orgId, created.id)).toMatchObject({
      status: 'done',
      fromCache: true,
    });
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(0);
  });

  it('does each run once: a second replica finds today’s runs claimed and asks Atlas nothing', async () => {
    const body = presetBody(orgId, { groupBy: 'organizations' }, { name: 'Orgs' });
    const saved = await person.api('/api/presets', { method: 'POST', body: JSON.stringify(body) });
    const { id } = presetResponseSchema.parse(await saved.json());
    await person.api(`/api/presets/${id}`);
    simulator.clearRequests();
    // Today's runs were claimed by the first test's replica: a second one finds nothing due.
    const late = await warmingReplica('7');
    try {
      await expect
        .poll(() => late.logs())
        .toMatch(/"run":"day:[^"]*","msg":"warming run already claimed"/);
    } finally {
      await late.close();
    }
    expect(late.logs()).not.toContain('warmed presets');
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(0);
  });
});

describe('when warming runs are due', () => {
  it('this month’s at once, and the day’s from the quiet hour on', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(PresetWarmer.dueRuns(at('2026-12-04T03:59:00Z'), 4)).toEqual(['month:2026-12']);
    expect(PresetWarmer.dueRuns(at('2026-12-04T04:00:00Z'), 4)).toEqual([
      'month:2026-12',
      'day:2026-12-04',
    ]);
    expect(PresetWarmer.dueRuns(at('2027-01-01T00:10:00Z'), 4)).toEqual(['month:2027-01']);
  });
});

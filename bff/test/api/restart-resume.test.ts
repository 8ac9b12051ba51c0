import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, DEMO_CREDENTIALS, type Simulator } from '../../src/simulator';
import { closedMonths, createQuery, readQuery, upstreamCalls } from '../support/queries';
import { startBff, waitForQuery, type Bff } from '../support/stack';
import { startChildBff } from '../store/support/child-bff';

let simulator: Simulator;
let simulatorUrl: string;
let dataDir: string;
const running: Bff[] = [];

beforeEach(async () => {
  // Atlas takes longer than the first BFF lives.
  simulator = createSimulator({ processingMs: 1500 });
  simulatorUrl = await simulator.listen(0, '127.0.0.1');
  dataDir = mkdtempSync(path.join(tmpdir(), 'ace-restart-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((bff) => bff.close()));
  await simulator.close();
});

describe('a query survives a BFF restart', () => {
  it('the page polls the same id after a restart and gets the result, with no second Atlas POST', async () => {
    const before = await startBff({ simulatorUrl, env: { DATA_DIR: dataDir } });
    const orgId = simulator.dataset.payingOrgId;
    const { id } = (await (await createQuery(before, orgId, closedMonths(2))).json()) as {
      id: string;
    };
    expect((await readQuery(before, orgId, id)).status).toBe('processing');
    await before.close(); // Atlas is still processing: the job is left half-way

    const after = await startBff({ simulatorUrl, env: { DATA_DIR: dataDir } });
    running.push(after);
    const state = await waitForQuery(after, orgId, id);
    expect(state.status).toBe('done');
    expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(1);
  });

  it('after SIGKILL, the restarted process takes the job over once its lease runs out', async () => {
    const env = {
      ATLAS_BASE_URL: simulatorUrl,
      ATLAS_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      DATA_DIR: dataDir,
      ATLAS_TIMEOUT_MS: '500',
      POLL_INITIAL_MS: '50',
      POLL_MAX_MS: '100',
      JOB_SWEEP_MS: '50',
      JOB_LEASE_MS: '200',
    };
    const first = await startChildBff(env);
    const api = (url: string) => ({
      api: (p: string, init: RequestInit = {}) =>
        fetch(`${url}${p}`, {
          ...init,
          headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
        }),
    });
    const orgId = simulator.dataset.payingOrgId;
    const created = await createQuery(api(first.url), orgId, closedMonths(3));
    const { id } = (await created.json()) as { id: string };
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startChildBff(env);
    try {
      const state = await waitForQuery(api(second.url), orgId, id);
      expect(state.status).toBe('done');
      expect(upstreamCalls(simulator, 'createUsage')).toHaveLength(1);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulator';
import { SQLITE_FILE_NAME } from '../../src/store/sqlite';
import { closedMonths, createQuery, upstreamCalls } from '../support/queries';
import { startBff } from '../support/stack';

let simulator: Simulator;
let simulatorUrl: string;

beforeAll(async () => {
  simulator = createSimulator({ processingMs: 60_000 });
  simulatorUrl = await simulator.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await simulator.close();
});
// One simulator for the file: each test starts from no faults and an empty request log, so the
// counts it waits on are its own.
beforeEach(() => {
  simulator.faults.clear();
  simulator.clearRequests();
});

describe('graceful shutdown', () => {
  it('lets in-flight requests finish, then stops the poll loops and gives every lease back', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ace-shutdown-'));
    const bff = await startBff({ simulatorUrl, env: { DATA_DIR: dataDir } });
    const orgId = simulator.dataset.payingOrgId;
    expect((await createQuery(bff, orgId, closedMonths(1))).status).toBe(202);

    simulator.faults.add({ route: 'createUsage', action: { kind: 'delay', ms: 300 } });
    const inFlight = createQuery(bff, orgId, closedMonths(2));
    await expect.poll(() => upstreamCalls(simulator, 'createUsage').length).toBe(2);
    await bff.close();
    expect((await inFlight).status).toBe(202);

    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const jobs = db.prepare('SELECT phase, lease_owner FROM cost_query_jobs').all();
    db.close();
    expect(jobs).toEqual([
      { phase: 'polling', lease_owner: null },
      { phase: 'polling', lease_owner: null },
    ]);
  });

  it('does not wait for a hanging Atlas poll: the call is abandoned and the lease given back', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ace-shutdown-'));
    // An hour's budget: close() can only return within the test's timeout by aborting the call.
    const bff = await startBff({
      simulatorUrl,
      env: { DATA_DIR: dataDir, ATLAS_TIMEOUT_MS: String(60 * 60_000) },
    });
    simulator.faults.add({ route: 'getUsage', action: { kind: 'hang' }, times: 'always' });
    const orgId = simulator.dataset.payingOrgId;
    expect((await createQuery(bff, orgId, closedMonths(3))).status).toBe(202);
    await expect.poll(() => upstreamCalls(simulator, 'getUsage').length).toBeGreaterThan(0);
    await bff.close();
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const jobs = db.prepare('SELECT phase, lease_owner FROM cost_query_jobs').all();
    db.close();
    expect(jobs).toEqual([{ phase: 'polling', lease_owner: null }]);
  });
});

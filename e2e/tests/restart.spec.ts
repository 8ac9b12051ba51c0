import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { waitForForm } from '../fixtures/dashboard';
import { freePort, kill, repoRoot, startNode, waitUntilUp } from '../fixtures/processes';

/**
 * Issue 6: killing the BFF while a query processes and starting it again, the page (still
 * open) gets its result without the user resubmitting. The simulator runs on its own here
 * (an embedded one would die with the BFF, and Atlas's query tokens with it), as real Atlas.
 */

// The simulator's documented demo service account (bff/src/simulator/credentials.ts).
const DEMO_CLIENT_ID = 'mdb_sa_id_demo000000000000000000';
const DEMO_CLIENT_SECRET = 'mdb_sa_sk_demo-secret-not-for-production-0000';

let simulator: ChildProcess | undefined;
let bff: ChildProcess | undefined;
let dataDir: string;

test.afterEach(async () => {
  if (bff) await kill(bff, 'SIGKILL');
  if (simulator) await kill(simulator, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

test('a page polling through a BFF restart gets its result without resubmitting', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [simPort, bffPort] = [await freePort(), await freePort()];
  const simUrl = `http://127.0.0.1:${simPort}`;
  const bffUrl = `http://127.0.0.1:${bffPort}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'ace-restart-'));

  // Atlas takes 8 s per query: long enough to kill the BFF in the middle of it.
  simulator = startNode('bff/src/simulator/main.ts', {
    SIMULATOR_PORT: String(simPort),
    SIMULATOR_PROCESSING_MS: '8000',
  });
  await waitUntilUp(`${simUrl}/__sim/requests`, simulator);

  const bffEnv = {
    HOST: '127.0.0.1',
    PORT: String(bffPort),
    ATLAS_BASE_URL: simUrl,
    ATLAS_CLIENT_ID: DEMO_CLIENT_ID,
    ATLAS_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    ATLAS_PUBLIC_KEY: '',
    ATLAS_PRIVATE_KEY: '',
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    WEB_DIST_DIR: path.join(repoRoot, 'web/dist'),
    POLL_INITIAL_MS: '200',
    POLL_MAX_MS: '600',
    // A killed BFF cannot hand its jobs' leases back: let them run out quickly.
    JOB_LEASE_MS: '1000',
    JOB_SWEEP_MS: '200',
  };
  bff = startNode('bff/src/main.ts', bffEnv);
  await waitUntilUp(`${bffUrl}/readyz`, bff);

  const creates: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/cost-queries(\?|$)/.test(request.url())) {
      creates.push(request.url());
    }
  });
  await page.goto(bffUrl);
  await waitForForm(page);
  // Killed once the query is Atlas's to finish: created, and polled at least once.
  const polled = page.waitForResponse(
    (response) =>
      response.request().method() === 'GET' &&
      /\/cost-queries\/[^/?]+$/.test(response.url()) &&
      response.status() === 200,
  );
  await page.getByRole('button', { name: 'Run query' }).click();
  await polled;
  const status = page.getByRole('status');
  await expect(status).toContainText('Running query…');

  await kill(bff, 'SIGKILL');
  await expect(status).toContainText('Reconnecting…', { timeout: 30_000 });
  await expect(status).toContainText('Running query…');

  bff = startNode('bff/src/main.ts', bffEnv);
  await waitUntilUp(`${bffUrl}/readyz`, bff);
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
  await expect(status).not.toContainText('Reconnecting');

  expect(creates).toHaveLength(1);
  const log = (await (await fetch(`${simUrl}/__sim/requests`)).json()) as { route: string }[];
  expect(log.filter((entry) => entry.route === 'createUsage')).toHaveLength(1);
});

import { expect, test } from '@playwright/test';
import { waitForForm } from '../fixtures/dashboard';
import { kill, startAtlasAndBff, type AtlasAndBff } from '../fixtures/processes';

/**
 * Issue 6: killing the BFF while a query processes and starting it again, the page (still
 * open) gets its result without the user resubmitting. The simulator runs on its own here
 * (an embedded one would die with the BFF, and Atlas's query tokens with it), as real Atlas.
 */

// The simulator's documented demo service account (bff/src/simulator/credentials.ts).
const DEMO_CLIENT_ID = 'mdb_sa_id_demo000000000000000000';
const DEMO_CLIENT_SECRET = 'mdb_sa_sk_demo-secret-not-for-production-0000';

let stack: AtlasAndBff | undefined;

test.afterEach(async () => {
  await stack?.stop('SIGKILL');
});

test('a page polling through a BFF restart gets its result without resubmitting', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Atlas takes 8 s per query: long enough to kill the BFF in the middle of it.
  stack = await startAtlasAndBff({
    simulatorEnv: { SIMULATOR_PROCESSING_MS: '8000' },
    bffEnv: {
      ATLAS_CLIENT_ID: DEMO_CLIENT_ID,
      ATLAS_CLIENT_SECRET: DEMO_CLIENT_SECRET,
      // A killed BFF cannot hand its jobs' leases back: let them run out quickly.
      JOB_LEASE_MS: '1000',
      JOB_SWEEP_MS: '200',
    },
  });
  const { bffUrl, simUrl } = stack;
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

  await kill(stack.bff, 'SIGKILL');
  await expect(status).toContainText('Reconnecting…', { timeout: 30_000 });
  await expect(status).toContainText('Running query…');

  await stack.restartBff();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
  await expect(status).not.toContainText('Reconnecting');

  expect(creates).toHaveLength(1);
  const log = (await (await fetch(`${simUrl}/__sim/requests`)).json()) as { route: string }[];
  expect(log.filter((entry) => entry.route === 'createUsage')).toHaveLength(1);
});

import { DEMO_CREDENTIALS } from '../fixtures/simulator';
import { expect, test } from '../fixtures/test';

/**
 * Killing the BFF while a query processes and starting it again, the page (still
 * open) gets its result without the user resubmitting. The simulator runs on its own here
 * (an embedded one would die with the BFF, and Atlas's query tokens with it), as real Atlas.
 */

test.use({
  serverOptions: {
    simulator: 'standalone',
    // Atlas takes 8 s per query: long enough to kill the BFF in the middle of it.
    simulatorEnv: { SIMULATOR_PROCESSING_MS: '8000' },
    bffEnv: {
      ATLAS_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      // A killed BFF cannot hand its jobs' leases back: let them run out quickly.
      JOB_LEASE_MS: '1000',
      JOB_SWEEP_MS: '200',
    },
  },
});

test('a page polling through a BFF restart gets its result without resubmitting', async ({
  page,
  dashboard,
  servers,
  simulator,
  expectConsoleErrors,
}) => {
  test.setTimeout(120_000);
  // Whatever the page asks while the BFF is down (its polls, a chunk it preloads) is refused, and
  // what was under way when it was killed is cut off: on a loaded machine the result views'
  // preloads are still arriving then (reset, empty or half-sent answers). The page fetches them
  // again once the BFF is back (the chart is checked below).
  expectConsoleErrors(
    /Failed to load resource: net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|INCOMPLETE_CHUNKED_ENCODING)/,
  );
  const creates: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/cost-queries(\?|$)/.test(request.url())) {
      creates.push(request.url());
    }
  });
  await page.goto('/');
  await dashboard.waitForForm();
  // Killed once the query is Atlas's to finish: created, and the page's (held) poll sent. A long
  // poll answers only when the query changes, so its answer would be the result itself.
  const polled = page.waitForRequest(
    (request) =>
      request.method() === 'GET' && /\/cost-queries\/[^/?]+\?wait=\d+$/.test(request.url()),
  );
  await page.getByRole('button', { name: 'Run query' }).click();
  await polled;
  const status = page.getByRole('status');
  await expect(status).toContainText('Running query…');

  await servers.killBff('SIGKILL');
  await expect(status).toContainText('Reconnecting…', { timeout: 30_000 });
  await expect(status).toContainText('Running query…');

  await servers.restartBff();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
  // The result views' code, cut off by the kill if it was still arriving, came in again.
  await expect(page.getByTestId('cost-chart').locator('.chart-bar').first()).toBeVisible();
  await expect(status).not.toContainText('Reconnecting');

  expect(creates).toHaveLength(1);
  expect(await simulator.requestsTo('createUsage')).toHaveLength(1);
});

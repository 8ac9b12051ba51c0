import { expect, test } from '../fixtures/test';

test('a new user picks filters, runs a query and sees results from the simulator', async ({
  page,
  simulator,
}, testInfo) => {
  await page.goto('/');
  await expect(page.getByText('Simulated data')).toBeVisible();
  await expect(page.getByLabel('Organization')).not.toHaveValue('');

  await page.getByRole('combobox', { name: 'Projects' }).click();
  const firstProject = page.getByRole('option').first();
  await firstProject.click();
  await page.keyboard.press('Escape');

  await page.getByLabel('Group by').click();
  await page.getByRole('option', { name: 'Projects' }).click();

  // Waited for in the page from before the click (a locator's wait polls every frame there):
  // a query Atlas answers in about a second is "Running" for less than expect's retry gaps.
  const running = page
    .getByRole('status')
    .filter({ hasText: /Running query/ })
    .waitFor();
  await page.getByRole('button', { name: 'Run query' }).click();
  await running;
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();

  const table = page.getByRole('table', { name: /Cost by project and month/ });
  await expect(table).toBeVisible();
  await expect(page.getByText(/Total/).first()).toBeVisible();
  await expect(page.getByText(/\$[\d,]+\.\d{2}/).first()).toBeVisible();

  const creates = await simulator.requestsTo('createUsage');
  expect(creates).toHaveLength(1);
  const sent = JSON.parse(creates[0]!.body) as {
    startDate: string;
    endDate: string;
    groupBy: string;
  };
  expect(sent.startDate).toMatch(/^\d{4}-\d{2}-01$/);
  expect(sent.endDate).toMatch(/^\d{4}-\d{2}-01$/);
  expect(sent.groupBy).toBe('projects');

  await page.screenshot({ path: testInfo.outputPath('results.png'), fullPage: true });
  await testInfo.attach('results', {
    path: testInfo.outputPath('results.png'),
    contentType: 'image/png',
  });
});

test('grouping by clusters needs no chosen clusters: the BFF names every one to Atlas', async ({
  page,
  simulator,
}) => {
  const orgs = await page.request.get('/api/orgs', { headers: { 'X-CSRF': '1' } });
  const orgId = ((await orgs.json()) as { items: { id: string }[] }).items[0]!.id;
  // A question no other test asks (a relative period in a v2 link), so Atlas sees it: the BFF
  // would answer a repeat from its cache.
  await page.goto(`/?v=2&org=${orgId}&period=last-12-months&g=clusters`);
  await expect(page.getByLabel('Organization')).not.toHaveValue('');
  await expect(page.getByText('Relative: Last 12 months (including this month)')).toBeVisible();
  await simulator.clearRequests();
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('table', { name: /Cost by cluster and month/ })).toBeVisible();
  await expect(page.getByText(/needs at least one cluster/i)).toHaveCount(0);

  const creates = await simulator.requestsTo('createUsage');
  expect(creates).toHaveLength(1);
  const sent = JSON.parse(creates[0]!.body) as { groupBy: string; clusters?: string[] };
  expect(sent.groupBy).toBe('clusters');
  expect(sent.clusters?.length).toBeGreaterThan(0);
});

test('a failed upstream is explained and can be retried', async ({
  page,
  simulator,
  expectConsoleErrors,
}) => {
  // The BFF answers the run with Atlas's 403 as a problem: the page explains it.
  expectConsoleErrors(/status of 403 \(Forbidden\) \(http[^ ]*\/api\/orgs\/[^/]+\/cost-queries:/);
  await page.goto('/');
  await simulator.addFault({ route: 'createUsage', action: { kind: 'status', status: 403 } });
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByText(/No access to this organization/)).toBeVisible();
  await expect(page.getByText(/Organization Billing Viewer/)).toBeVisible();

  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
});

test('a query Atlas fails while processing shows the reason', async ({ page, simulator }) => {
  await page.goto('/');
  await simulator.addFault({
    route: 'getUsage',
    action: { kind: 'status', status: 404 },
    times: 'always',
  });
  // Not the default query: the test before this one, on this file's BFF, left its result in
  // the BFF's cache, and a cached answer would never reach the failing poll.
  await page.getByRole('switch', { name: 'Include partially matching charges' }).check();
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByText(/Not found in Atlas/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

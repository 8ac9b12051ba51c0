import type { APIRequestContext, Page } from '@playwright/test';
import { fetchDone, serverNow, sum, usdToCents, type Done } from '../fixtures/cost-api';
import { SCALE_50_SERVERS } from '../fixtures/processes';
import { expect, test } from '../fixtures/test';

/** Ids one Atlas query carries (the BFF's ATLAS_QUERY_MAX_IDS default). */
const MAX_IDS = 500;

// Every cluster of scale 50 is a question Atlas has to be asked in 26 parts.
test.use({ locale: 'en-US', serverOptions: SCALE_50_SERVERS });

const csrf = { 'X-CSRF': '1' };

/** Picks one month in the form's month picker, as a person does: its first and last click. */
async function chooseMonth(page: Page, month: Date, now: Date) {
  await page.getByRole('button', { name: 'Months' }).click();
  const picker = page.getByRole('dialog');
  // The picker opens on this year; Mantine gives its "previous year" control no name.
  if (month.getUTCFullYear() < now.getUTCFullYear()) {
    await picker.locator('[data-direction="previous"]').click();
  }
  const name = month.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  await picker.getByRole('button', { name, exact: true }).click();
  await picker.getByRole('button', { name, exact: true }).click();
  await expect(picker).toBeHidden();
}

/** Everything the status live region said during the run, in order, as the page rendered it. */
async function recordStatus(page: Page) {
  // A string, as the other specs pass page code: this package type-checks without the DOM. The
  // whole document is watched: a re-render may replace the region's element.
  await page.evaluate(`(() => {
    const said = (window.statusSaid = []);
    new MutationObserver(() => {
      const text = document.querySelector('[role="status"]')?.textContent ?? '';
      if (text !== said.at(-1)) said.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  return () => page.evaluate<string[]>('window.statusSaid');
}

/** The same question through the BFF's API, with these clusters chosen, until it is done. */
async function askWithClusters(
  request: APIRequestContext,
  orgId: string,
  month: string,
  clusters: string[],
): Promise<Done> {
  const response = await request.post(`/api/orgs/${orgId}/cost-queries`, {
    headers: csrf,
    data: {
      period: { kind: 'months', first: month, last: month },
      filters: { clusters },
      groupBy: 'clusters',
    },
  });
  expect(response.status(), await response.text()).toBe(202);
  return fetchDone(request, orgId, ((await response.json()) as { id: string }).id);
}

test('grouping by clusters with none chosen: Atlas is asked in parts of ≤ 500, and the total is exact', async ({
  page,
  simulator,
}, testInfo) => {
  test.setTimeout(90_000);
  const now = await serverNow(page.request);
  // The last closed month: its data no longer changes, and one month keeps the test quick.
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const first = month.toISOString().slice(0, 10);

  // How long the pickers' lists take at this scale (reported, not asserted).
  const lists: string[] = [];
  page.on('requestfinished', (request) => {
    const { pathname } = new URL(request.url());
    if (!/\/(projects|clusters)$/.test(pathname)) return;
    lists.push(`${pathname.split('/').at(-1)} ${Math.round(request.timing().responseEnd)} ms`);
  });
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Organization' })).not.toHaveValue('');
  await chooseMonth(page, month, now);
  await page.getByRole('combobox', { name: 'Group by' }).click();
  await page.getByRole('option', { name: 'Clusters', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Clusters' })).toHaveValue('');
  const said = await recordStatus(page);
  await simulator.clearRequests();

  const postedAt = Date.now();
  const [post] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/cost-queries$/.test(new URL(r.url()).pathname),
    ),
    page.getByRole('button', { name: 'Run query' }).click(),
  ]);
  const createMs = Date.now() - postedAt;
  testInfo.annotations.push({ type: 'create POST', description: `${createMs} ms` });
  expect(post.status()).toBe(202);
  expect(post.request().postDataJSON()).toMatchObject({
    period: { kind: 'months', first, last: first },
    filters: { clusters: [] },
    groupBy: 'clusters',
  });

  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: /Cost by cluster and month/ })).toBeVisible();
  // The page never asked for a choice: no field marked invalid, no alert, no failure.
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const pageTotal = usdToCents((await page.getByTestId('grand-total').textContent()) ?? '');

  // Atlas saw several queries of at most 500 clusters that together name each cluster once.
  const creates = await simulator.requestsTo('createUsage');
  const asked = creates.map((c) => (JSON.parse(c.body) as { clusters?: string[] }).clusters ?? []);
  const dataset = await simulator.dataset();
  const everyCluster = dataset.clusters.map((c) => c.id).sort();
  expect(everyCluster.length).toBeGreaterThan(10_000);
  expect(creates.length).toBe(Math.ceil(everyCluster.length / MAX_IDS));
  for (const clusters of asked) expect(clusters.length).toBeLessThanOrEqual(MAX_IDS);
  expect(asked.flat().sort()).toEqual(everyCluster);

  // What the status said is reported, not asserted: the parts take ~50 ms each in the simulator,
  // so on a busy machine they may all answer between two of the page's polls.
  // dashboard-parts.test.tsx holds the count to its words.
  const statusTexts = await said();
  const progress = statusTexts.filter((text) =>
    text.includes(`Asking Atlas in ${creates.length} parts:`),
  );
  testInfo.annotations.push(
    { type: 'parts', description: `${creates.length}; ${new Set(progress).size} counts shown` },
    { type: 'picker lists', description: lists.join(', ') || 'none' },
  );
  expect(statusTexts.join('\n')).not.toMatch(/Query failed|select|at least one/i);

  // The same question split by hand (other groups of ids than the BFF's, sorted), one Atlas
  // query each: partial matches are off, so the groups' rows are disjoint and their totals add up.
  const orgId = new URL(post.url()).pathname.split('/')[3]!;
  const groups: string[][] = [];
  for (let i = 0; i < everyCluster.length; i += MAX_IDS) {
    groups.push(everyCluster.slice(i, i + MAX_IDS));
  }
  await simulator.clearRequests();
  const byHand = await Promise.all(
    groups.map((clusters) => askWithClusters(page.request, orgId, first, clusters)),
  );
  expect(await simulator.requestsTo('createUsage')).toHaveLength(groups.length);
  expect(sum(byHand.map((done) => done.result.totals.totalCents))).toBe(pageTotal);
});

/* global window */
// One measured run: the real page against the real BFF, with the final poll's rows replaced by
// `rows` (a simulator result too large for one BFF query).
import { gzipSync } from 'node:zlib';
import { installProbes, resultTimeline, watchFirstRow } from './page-probes.mjs';

const kb = (bytes) => bytes / 1024;

export async function measureRun(browser, { baseUrl, request, rows }) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.addInitScript(installProbes);
  const scripts = new Map();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.set(response.url(), { at: Date.now(), gzip: gzipSync(body).length });
  });
  // The form sends a valid clusters query (the contract allows 500 clusters per filter) ...
  await page.route('**/api/orgs/*/cost-queries', (route) =>
    route.request().method() === 'POST'
      ? route.continue({ postData: JSON.stringify(request) })
      : route.continue(),
  );
  // ... and its final answer carries the large result, exactly as the BFF would shape it.
  await page.route('**/api/orgs/*/cost-queries/*', async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const state = await response.json();
    if (state.status === 'done') {
      let totalCents = 0;
      for (const row of rows) totalCents += row.usageAmountCents;
      state.result = {
        usageDetails: rows,
        totals: { currency: 'USD', totalCents, rowCount: rows.length },
      };
    }
    return route.fulfill({ response, json: state });
  });

  await page.goto('/');
  await page.getByLabel('Organization').waitFor();
  await page.waitForLoadState('networkidle');
  const firstScreen = [...scripts.values()].reduce((sum, s) => sum + s.gzip, 0);
  const firstScreenFiles = scripts.size;
  const firstScreenUrls = new Set(scripts.keys());

  await page.getByRole('button', { name: 'Run query' }).click();
  await page.waitForFunction(() => window.__ace.marks.visible !== undefined, null, {
    timeout: 120_000,
  });
  const timeline = await page.evaluate(resultTimeline);
  const marks = await page.evaluate(() => window.__ace.marks);
  const visibleMs = marks.visible - timeline.arrived;
  const parseMs = timeline.parsed - timeline.arrived;
  const pivotMs = timeline.pivotEnd - timeline.pivotStart;
  const renderMs = marks.visible - timeline.pivotEnd;

  await page.getByRole('tab', { name: /All usage rows/ }).click();
  const detail = page.getByTestId('detail-table');
  await detail.locator('tbody tr[aria-rowindex="2"]').waitFor();
  const sorts = [];
  for (const column of ['Amount', 'Amount', 'Cluster']) {
    await page.evaluate(watchFirstRow, 'detail-table');
    await detail.getByRole('button', { name: column, exact: true }).click();
    await page.waitForFunction(() => window.__ace.changed !== undefined);
    sorts.push(await page.evaluate(() => window.__ace.changed - window.__ace.clickAt));
  }

  const csv = {};
  for (const [kind, item] of [
    ['pivot-csv', 'Cost by cluster and month'],
    ['detail-csv', /^All usage rows/],
  ]) {
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: item, exact: typeof item === 'string' }).click(),
    ]);
    await download.path();
    csv[kind] = await page.evaluate(
      (name) => performance.getEntriesByName(name).at(-1)?.duration,
      `ace:export:${kind}`,
    );
  }
  const lazy = [...scripts].filter(([url]) => !firstScreenUrls.has(url));
  await context.close();
  return {
    rows: rows.length,
    visibleMs,
    parseMs,
    pivotMs,
    renderMs,
    sorts,
    csv,
    firstScreenKb: kb(firstScreen),
    firstScreenFiles,
    lazy: lazy.map(([url, s]) => ({ file: url.split('/').pop(), kb: kb(s.gzip) })),
  };
}

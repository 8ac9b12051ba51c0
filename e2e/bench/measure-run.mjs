/* global window */
// One measured run: the real page against the real BFF, asking `request` (the form's POST body
// replaced by it), the answer as the BFF serves it.
import { gzipSync } from 'node:zlib';
import { installProbes, resultTimeline, watchFirstRow } from './page-probes.mjs';

const kb = (bytes) => bytes / 1024;

export async function measureRun(browser, { baseUrl, request, detail = true }) {
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
  // The form sends the benchmark's question, asked of Atlas (the simulator) afresh: the answer
  // arrives after Atlas's work, as it does for people, not instantly from the BFF's cache
  // (while Atlas works, the page fetches the result views' code; see preloadResultViews).
  await page.route('**/api/orgs/*/cost-queries', (route) =>
    route.request().method() === 'POST'
      ? route.continue({
          url: `${route.request().url()}?refresh=true`,
          postData: JSON.stringify(request),
        })
      : route.continue(),
  );
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

  const rows = (await page.getByRole('tab', { name: /All usage rows/ }).textContent()) ?? '';
  const result = {
    rows: Number((/\(([\d,]+)\)/.exec(rows)?.[1] ?? '0').replace(/,/g, '')),
    visibleMs,
    parseMs,
    pivotMs,
    renderMs,
    firstScreenKb: kb(firstScreen),
    firstScreenFiles,
  };
  if (!detail) {
    await context.close();
    return result;
  }

  // The rows are fetched when their tab opens: from the click to the first row shown.
  await page.getByRole('tab', { name: /All usage rows/ }).click();
  const table = page.getByTestId('detail-table');
  await table.locator('tbody tr[aria-rowindex="2"]').waitFor({ timeout: 120_000 });
  const detailShownMs = await page.evaluate(() => performance.now() - window.__ace.clickAt);
  const rowsFetchMs = await page.evaluate(
    () => performance.getEntriesByName('ace:rows', 'measure').at(-1)?.duration,
  );
  const sorts = [];
  for (const column of ['Amount', 'Amount', 'Cluster']) {
    await page.evaluate(watchFirstRow, 'detail-table');
    await table.getByRole('button', { name: column, exact: true }).click();
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
    ...result,
    detailShownMs,
    rowsFetchMs,
    sorts,
    csv,
    lazy: lazy.map(([url, s]) => ({ file: url.split('/').pop(), kb: kb(s.gzip) })),
  };
}

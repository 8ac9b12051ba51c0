import type { Page } from '@playwright/test';
import { dashboardPage, firstBodyRow } from '../fixtures/dashboard';
import { expect, test } from '../fixtures/test';

test.use({ locale: 'en-US' });

// Each restore runs the query and then each drill-down step again (about 2 s each here).
test.describe.configure({ timeout: 150_000 });

/** How the results look: the drill-down level, the chart, the pivot's filter, sort and rows. */
async function readView(page: Page) {
  const dashboard = dashboardPage(page);
  const table = dashboard.pivotTable('service');
  await expect(table).toBeVisible();
  const trail = page.getByRole('navigation', { name: 'Drill-down' });
  return {
    level: await trail.locator('[aria-current="page"]').textContent(),
    total: await page.getByTestId('grand-total').textContent(),
    chartGroups: await page.getByRole('combobox', { name: 'Groups in chart' }).inputValue(),
    perDay: await page.getByRole('switch', { name: /Per day/ }).isChecked(),
    filter: await page.getByRole('textbox', { name: 'Filter services' }).inputValue(),
    sortedBy: await Promise.all(
      (await table.locator('th[aria-sort="descending"], th[aria-sort="ascending"]').all()).map(
        async (header) => `${await header.textContent()} ${await header.getAttribute('aria-sort')}`,
      ),
    ),
    rows: await table.getByRole('rowheader').allTextContents(),
    controls: await dashboard.readControls(),
  };
}

/** Opens `link` in a browser that has never seen this view (no storage, no cache). */
async function openFresh(page: Page, link: string) {
  const fresh = await page.context().browser()!.newContext({ locale: 'en-US' });
  const other = await fresh.newPage();
  await other.goto(link);
  // The query runs again, then each drill-down step: give the restore time before reading.
  await expect(dashboardPage(other).pivotTable('service')).toBeVisible({ timeout: 60_000 });
  return { other, close: () => fresh.close() };
}

test('a link and a preset restore how the results looked: drill level, chart size, per day, sort and filter', async ({
  page,
  dashboard,
}) => {
  await dashboard.runClustersQuery();
  const clusters = dashboard.pivotTable();
  await clusters.getByRole('button', { name: /^Total/ }).click();
  const drill = firstBodyRow(clusters).getByRole('button', { name: /break down by service$/ });
  const label = (await drill.textContent())!.replace(/: break down by service$/, '');
  await drill.click();
  const services = dashboard.pivotTable('service');
  await expect(services).toBeVisible();
  await expect(page).toHaveURL(/[?&]d=clusters:[0-9a-f]{24}(&|$)/);

  await page.getByRole('combobox', { name: 'Groups in chart' }).click();
  await page.getByRole('option', { name: 'Largest 5 + Other' }).click();
  await page.getByRole('switch', { name: /Per day/ }).check();
  await services.getByRole('button', { name: /^Total/ }).click();
  const first = (await services.getByRole('rowheader').first().textContent())!;
  const needle = first.slice(0, 3).toLowerCase();
  await page.getByRole('textbox', { name: 'Filter services' }).fill(needle);
  await expect(page).toHaveURL(/[?&]top=5&perday=1&sort=total\.desc&q=[^&]+&d=clusters:/);
  const view = await readView(page);
  expect(view).toMatchObject({
    level: `${label} · by service`,
    chartGroups: 'Largest 5 + Other',
    perDay: true,
    filter: needle,
  });
  expect(view.sortedBy).toEqual(['Total▼ descending']);

  // Grouping by every cluster names none in the link (the BFF names them): a short link.
  await expect(page.getByRole('button', { name: 'Copy link to this view' })).toBeVisible();
  const link = page.url();
  const viaLink = await openFresh(page, link);
  try {
    await expect.poll(() => readView(viaLink.other)).toEqual(view);
    // The trail still steps back, to the form's query and its clusters.
    await viaLink.other.getByRole('button', { name: 'Back' }).click();
    await expect(dashboardPage(viaLink.other).pivotTable()).toBeVisible();
    expect(viaLink.other.url()).not.toContain('d=');
  } finally {
    await viaLink.close();
  }

  await page.getByRole('button', { name: 'Save as preset' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as preset' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('E2E: a cluster by service, sorted');
  await dialog.getByRole('button', { name: 'Save preset' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/p\/[A-Za-z0-9_-]{22}$/);
  expect(await readView(page)).toEqual(view);

  const viaPreset = await openFresh(page, page.url());
  try {
    await expect.poll(() => readView(viaPreset.other)).toEqual(view);
    await expect(viaPreset.other.getByRole('region', { name: 'Preset' })).toContainText(
      'E2E: a cluster by service, sorted',
    );
  } finally {
    await viaPreset.close();
  }
});

test('back and forward step along the drill-down; a link to a group the results lack says so', async ({
  page,
  dashboard,
}) => {
  await dashboard.runClustersQuery();
  const clusters = dashboard.pivotTable();
  const queryUrl = page.url();
  await firstBodyRow(clusters)
    .getByRole('button', { name: /break down by service$/ })
    .click();
  await expect(dashboard.pivotTable('service')).toBeVisible();
  const drilledUrl = page.url();
  expect(drilledUrl).toContain('d=clusters:');

  await page.goBack();
  await expect(page).toHaveURL(queryUrl);
  await expect(clusters).toBeVisible({ timeout: 60_000 });
  await page.goForward();
  await expect(page).toHaveURL(drilledUrl);
  await expect(dashboard.pivotTable('service')).toBeVisible({ timeout: 60_000 });

  await page.goto(drilledUrl.replace(/d=clusters:[0-9a-f]{24}/, `d=clusters:${'f'.repeat(24)}`));
  const notice = page.getByRole('alert').filter({ hasText: 'Parts of this link were ignored' });
  await expect(notice).toContainText('which is not in these results', { timeout: 60_000 });
  await expect(clusters).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]d=/);
});

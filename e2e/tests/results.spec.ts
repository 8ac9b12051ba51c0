import type { Locator } from '@playwright/test';
import {
  formatChange,
  formatPercent,
  formatUsd,
  serverNow,
  usdToCents,
} from '../fixtures/cost-api';
import { readCsv } from '../fixtures/csv-download';
import { firstBodyRow } from '../fixtures/dashboard';
import { defaultComparedIndex, expectedMonthChange } from '../fixtures/expected-pivot';
import { expect, test } from '../fixtures/test';

// Amounts are checked as the page formats them in en-US.
test.use({ locale: 'en-US' });

/** `Nov 2026`, as the page names a month. */
const monthLabel = (month: string) =>
  new Date(`${month}T00:00:00Z`).toLocaleString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

async function cellsOf(row: Locator): Promise<string[]> {
  return row.locator('th, td').allTextContents();
}

test('a clusters query shows the chart, the pivot with exact totals and changes, and every row', async ({
  page,
  dashboard,
}) => {
  const { done, expected } = await dashboard.runClustersQuery();
  const now = await serverNow(page.request);

  await expect(page.getByTestId('grand-total')).toHaveText(formatUsd(expected.grand));
  expect(BigInt(done.result.totals.totalCents)).toBe(expected.grand);

  // The chart: one stacked series per group (19 largest + Other) with a legend.
  const chart = page.getByTestId('cost-chart');
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveCount(20);
  await expect(legend.getByText(/^Other \(\d+ more\)$/)).toBeVisible();
  await chart.locator('.chart-bar').first().hover();
  await expect(page.getByText(/^Month total \$/)).toBeVisible();

  // Totals row: every month and the grand total, to the cent.
  const table = dashboard.pivotTable();
  const totals = await cellsOf(table.getByTestId('pivot-total-row'));
  expect(totals.slice(0, expected.months.length + 2)).toEqual([
    'Total',
    ...expected.monthTotals.map(formatUsd),
    formatUsd(expected.grand),
  ]);

  // The largest cluster, first when sorted by total: its months, total and change.
  await table.getByRole('button', { name: /^Total/ }).click();
  await expect(table.getByRole('columnheader', { name: /^Total/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const top = [...expected.groups].sort((a, b) => (b.total > a.total ? 1 : -1))[0]!;
  const firstRow = firstBodyRow(table);
  // The range ends in the current month: the default compares the last two complete months.
  const compared = defaultComparedIndex(expected.months, now);
  expect(expected.months.at(-1)).toBe(now.toISOString().slice(0, 8) + '01');
  expect(compared).toBe(expected.months.length - 2);
  const [previousLabel, comparedLabel] = [compared - 1, compared].map((i) =>
    monthLabel(expected.months[i]!),
  );
  await expect(table.getByRole('columnheader', { name: /^Change \(\$\)/ })).toHaveText(
    `Change ($)${comparedLabel} vs ${previousLabel}↕`,
  );
  const plain = expectedMonthChange(top.cells, expected.months, compared, now, false);
  const cells = await cellsOf(firstRow);
  expect(cells[0]).toContain(top.name);
  expect(cells.slice(1)).toEqual([
    ...top.cells.map((c) => (c === null ? '–no usage' : formatUsd(c))),
    formatUsd(top.total),
    formatChange(plain.delta),
    plain.ratio === null ? 'new' : formatPercent(plain.ratio),
  ]);

  // Per day: the same two months by daily average (30 and 31-day months compare fairly).
  await page.getByRole('switch', { name: /Per day/ }).check();
  const daily = expectedMonthChange(top.cells, expected.months, compared, now, true);
  await expect(firstRow.locator('td').nth(-2)).toHaveText(`${formatChange(daily.delta)}/day`);
  await expect(firstRow.locator('td').nth(-1)).toHaveText(
    daily.ratio === null ? 'new' : formatPercent(daily.ratio),
  );
  await page.getByRole('switch', { name: /Per day/ }).uncheck();

  // The month so far, chosen: compared only per day, whatever the switch said.
  const last = expected.months.length - 1;
  const soFar = `${monthLabel(expected.months[last]!)} so far vs ${comparedLabel}`;
  await page.getByRole('combobox', { name: 'Month-over-month change' }).click();
  await page.getByRole('option', { name: `${soFar}, per day` }).click();
  await expect(table.getByRole('columnheader', { name: /^Change \(\$/ })).toHaveText(
    `Change ($ per day)${soFar}↕`,
  );
  const toDate = expectedMonthChange(top.cells, expected.months, last, now, false);
  await expect(firstRow.locator('td').nth(-2)).toHaveText(`${formatChange(toDate.delta)}/day`);
  await expect(firstRow.locator('td').nth(-1)).toHaveText(
    toDate.ratio === null ? 'new' : formatPercent(toDate.ratio),
  );
  await expect(page.getByRole('switch', { name: /Per day/ })).toBeChecked();
  await expect(page.getByRole('switch', { name: /Per day/ })).toBeDisabled();

  // Every usage row, sortable.
  await page.getByRole('tab', { name: /All usage rows/ }).click();
  const rows = done.result.usageDetails;
  await expect(page.getByTestId('detail-summary')).toHaveText(
    `${rows.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows · ${formatUsd(expected.grand)}`,
  );
  const detail = page.getByRole('table', { name: 'Usage rows (USD)' });
  await detail.getByRole('button', { name: 'Amount' }).click();
  const largest = rows.reduce((max, r) => Math.max(max, r.usageAmountCents), -Infinity);
  await expect(detail.locator('tbody tr[aria-rowindex="2"] td').last()).toHaveText(
    formatUsd(BigInt(largest)),
  );
  await expect(page.getByText(/month to date \(\d+ of \d+ days\) and provisional/)).toBeVisible();
  await expect(page.getByText(/has closed but may still change/)).toBeVisible();
});

test('exports sum to the grand total on the page; only the rows export asks for the rows, once', async ({
  page,
  context,
  dashboard,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { expected } = await dashboard.runClustersQuery();
  const shown = usdToCents((await page.getByTestId('grand-total').textContent()) ?? '');
  expect(shown).toBe(expected.grand);

  const apiCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) apiCalls.push(r.url());
  });
  const pivot = await readCsv(page, 'Cost by cluster and month');
  expect(apiCalls).toEqual([]);
  const detail = await readCsv(page, /^All usage rows/);
  expect(apiCalls).toEqual([expect.stringMatching(/\/cost-queries\/[^/]+\/rows$/)]);

  expect(pivot.bom).toBe(true);
  expect(pivot.header.get('group_by')).toBe('clusters');
  // The months people see, not Atlas's exclusive end date.
  expect(pivot.header.has('end_date (exclusive; sent to Atlas)')).toBe(false);
  expect(pivot.header.get('months (inclusive)')).toMatch(/^\d{4}-\d{2} to \d{4}-\d{2}$/);
  expect(pivot.header.get('include_partial_matches')).toBe('false');
  expect(pivot.header.get('generated_at')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(pivot.columns.slice(3, -1)).toEqual(expected.months.map((m) => m.slice(0, 7)));
  expect(pivot.sum('total_usd')).toBe(shown);
  expect(pivot.rows).toHaveLength(expected.groups.length);
  expect(detail.sum('amount_usd')).toBe(shown);
  expect(detail.rows).toHaveLength(
    expected.groups.reduce((n, g) => n + g.cells.filter((c) => c !== null).length, 0),
  );

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Copy cost by cluster and month' }).click();
  await expect(page.getByText(/^Copied \d+ rows as tab-separated text\.$/)).toBeVisible();
  const tsv = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(tsv.split('\n')[0]).toBe(
    [
      'cluster_id',
      'cluster',
      'deleted',
      ...expected.months.map((m) => m.slice(0, 7)),
      'total_usd',
    ].join('\t'),
  );
  // The rows are kept once fetched: copying them asks for nothing more.
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Copy all usage rows' }).click();
  await expect(
    page.getByText(
      `Copied ${detail.rows.length.toLocaleString('en-US')} rows as tab-separated text.`,
    ),
  ).toBeVisible();
  expect(apiCalls).toHaveLength(1);
});

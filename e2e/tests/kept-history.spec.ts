import { expect, test } from '../fixtures/test';
import { chooseMonths, monthLabel, monthsAgo } from '../fixtures/month-picker';
import { simulatorControl } from '../fixtures/simulator';

/**
 * History past Atlas's window (issue 14, item 2): months the dashboard kept while Atlas served
 * them open in the page after Atlas stops serving them, labelled as kept. "Later" is the same
 * BFF (same data folder) restarted with an Atlas, the embedded simulator, that serves 12 months
 * instead of 18.
 */

test('a kept month older than Atlas serves opens in the page, labelled as kept', async ({
  page,
  dashboard,
  servers,
}) => {
  test.setTimeout(120_000);
  const now = new Date();
  const [first, last] = [monthsAgo(now, 17), monthsAgo(now, 16)];
  const months = `${monthLabel(first)}, ${monthLabel(last)}`;
  const label = new RegExp(
    `${months}: kept by this dashboard since \\d{1,2} \\w{3} \\d{4}; Atlas no longer serves these months`,
  );

  // While Atlas serves 18 months, the question is Atlas's to answer (and the dashboard keeps it).
  await page.goto('/');
  await dashboard.waitForForm();
  await chooseMonths(page, first, last);
  await dashboard.runQuery();
  await expect(page.getByText(label)).toHaveCount(0);

  await servers.killBff('SIGTERM');
  await servers.restartBff({ ATLAS_HISTORY_MONTHS: '12', SIMULATOR_RETENTION_MONTHS: '12' });
  // The embedded simulator restarted with the BFF: a new one, with its own request log.
  const atlas = simulatorControl(servers.simUrl);

  // A fresh page, as a person opening the dashboard later: both months are past Atlas's window.
  await page.goto('/');
  await dashboard.waitForForm();
  const hint = `Months before ${monthLabel(monthsAgo(now, 12))} come from what this dashboard kept; Atlas no longer serves them`;
  await expect(page.getByText(hint)).toBeVisible();
  await chooseMonths(page, first, last);
  await dashboard.runQuery();
  const note = page.getByRole('note', { name: "From this dashboard's history" });
  await expect(note).toContainText(label);
  expect(await atlas.requestsTo('createUsage')).toEqual([]);

  // The link of that page (it runs on opening) waits for the org's history before checking it.
  // It runs after meta, the org list and the history are in: more requests than a click.
  await page.reload();
  await expect(note).toContainText(label, { timeout: 30_000 });
  await expect(page.getByText(/must not be before/)).toHaveCount(0);
  expect(await atlas.requestsTo('createUsage')).toEqual([]);
  expect(await dashboard.axeViolations()).toEqual([]);
});

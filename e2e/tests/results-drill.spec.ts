import { createdQuery, fetchDone, formatUsd, sum } from '../fixtures/cost-api';
import { firstBodyRow } from '../fixtures/dashboard';
import { expect, test } from '../fixtures/test';

test.use({ locale: 'en-US' });

test('drilling into a cluster (keyboard only) splits it by service, and Back restores the clusters from cache', async ({
  page,
  dashboard,
  simulator,
}) => {
  const { orgId, expected } = await dashboard.runClustersQuery();
  const clusters = dashboard.pivotTable();
  await clusters.getByRole('button', { name: /^Total/ }).click();
  const top = [...expected.groups].sort((a, b) => (b.total > a.total ? 1 : -1))[0]!;
  const drill = firstBodyRow(clusters).getByRole('button', { name: /break down by service$/ });
  await expect(drill).toContainText(top.name);
  const label = (await drill.textContent())!.replace(/: break down by service$/, '');

  await simulator.clearRequests();
  // Queries the page asks the BFF for.
  let pageCreates = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/cost-queries(\?|$)/.test(request.url())) pageCreates++;
  });
  await drill.focus();
  const { id } = await createdQuery(page, () => page.keyboard.press('Enter'));
  const drilled = await fetchDone(page.request, orgId, id);
  expect(drilled.query).toMatchObject({ groupBy: 'services', filters: { clusters: [top.id] } });

  // The trail shows where we are; focus moved to it, since the table was replaced.
  const trail = page.getByRole('navigation', { name: 'Drill-down' });
  await expect(trail.getByText(`${label} · by service`)).toHaveAttribute('aria-current', 'page');
  await expect(trail.getByText(`${label} · by service`)).toBeFocused();
  const services = dashboard.pivotTable('service');
  await expect(services).toBeVisible();
  // Every charge of a cluster has a service: the split adds up exactly to the cluster's total.
  const drilledTotal = sum(drilled.result.usageDetails.map((r) => r.usageAmountCents));
  expect(drilledTotal).toBe(top.total);
  await expect(page.getByTestId('grand-total')).toHaveText(formatUsd(top.total));
  await expect(page.getByText(/These service amounts add up to/)).toBeVisible();
  for (const service of new Set(drilled.result.usageDetails.map((r) => r.service!))) {
    await expect(
      services.getByRole('rowheader', { name: new RegExp(`^${service}\\b`) }),
    ).toBeVisible();
  }

  // Back: the clusters again, from the cache (no new query), then the same drill from cache too.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(clusters).toBeVisible();
  await expect(page.getByTestId('grand-total')).toHaveText(formatUsd(expected.grand));
  await expect(trail.getByText(/^Your query · by cluster$/)).toHaveAttribute(
    'aria-current',
    'page',
  );
  await clusters.getByRole('button', { name: /^Total/ }).click();
  await firstBodyRow(clusters)
    .getByRole('button', { name: /break down by service$/ })
    .click();
  await expect(services).toBeVisible();
  await trail.getByRole('button', { name: 'Your query · by cluster' }).click();
  await expect(clusters).toBeVisible();
  // One query for the drill; going back and drilling again came from the page's cache. This
  // spec's own BFF had never seen the drill's question, so Atlas saw exactly that one query.
  expect(pageCreates).toBe(1);
  expect(await simulator.requestsTo('createUsage')).toHaveLength(1);
});

import { createdQuery, fetchDone } from '../fixtures/cost-api';
import { SCALE_50_SERVERS } from '../fixtures/processes';
import { expect, test } from '../fixtures/test';

test.use({ locale: 'en-US', serverOptions: SCALE_50_SERVERS });

const csrf = { 'X-CSRF': '1' };

interface Cluster {
  id: string;
  name: string;
}

test('at scale 50 (thousands of clusters per org) a person finds one by typing, picks it with the keyboard and runs it', async ({
  page,
  dashboard,
}) => {
  await page.goto('/');
  const organization = page.getByRole('combobox', { name: 'Organization' });
  await expect(organization).not.toHaveValue('');
  const orgs = await page.request.get('/api/orgs', { headers: csrf });
  const orgId = ((await orgs.json()) as { items: { id: string }[] }).items[0]!.id;
  const list = await page.request.get(`/api/orgs/${orgId}/clusters`, { headers: csrf });
  const clusters = ((await list.json()) as { items: Cluster[] }).items;
  expect(clusters.length).toBeGreaterThan(3_000);
  // Part of a name (all but its first letter) that no other cluster's name contains.
  const lower = clusters.map((c) => c.name.toLowerCase());
  const target = clusters.find((c, i) => {
    const part = lower[i]!.slice(1);
    return part.length >= 4 && lower.every((other, j) => j === i || !other.includes(part));
  });
  if (!target) throw new Error('no cluster has a name part of its own');
  const part = target.name.slice(1);

  const picker = page.getByRole('combobox', { name: 'Clusters' });
  await expect(picker).toBeEnabled();
  await picker.click();
  const listbox = page.getByRole('listbox', { name: 'Clusters' });
  await expect(listbox).toBeVisible();
  // A window of the list, not thousands of options.
  expect(await listbox.getByRole('option').count()).toBeLessThan(100);
  expect(await dashboard.axeViolations('[role="listbox"]')).toEqual([]);

  await picker.pressSequentially(part);
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await expect(listbox.getByRole('option', { name: target.name })).toBeVisible();
  await picker.press('Enter');
  await expect(picker).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
  await expect(page.locator('.mantine-MultiSelect-pill', { hasText: target.name })).toBeVisible();

  await page.getByRole('combobox', { name: 'Group by' }).click();
  await page.getByRole('option', { name: 'Clusters', exact: true }).click();
  const { id } = await createdQuery(page, () =>
    page.getByRole('button', { name: 'Run query' }).click(),
  );
  const done = await fetchDone(page.request, orgId, id);
  expect(done.query.filters.clusters).toEqual([target.id]);
  const table = page.getByRole('table', { name: /Cost by cluster and month/ });
  await expect(table).toBeVisible();
  await expect(table.getByText(target.name).first()).toBeVisible();
});

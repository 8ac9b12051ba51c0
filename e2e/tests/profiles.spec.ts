import { createdQuery, fetchDone, type Done } from '../fixtures/cost-api';
import { firstBodyRow } from '../fixtures/dashboard';
import { expect, test } from '../fixtures/test';

/**
 * The embedded simulator answers on the `group-id-keys` profile: projects as groupId/groupName
 * (as Atlas's invoices name them) and clusters as clusterId. Whichever spelling Atlas uses, the
 * page must name the right projects and clusters, never lump them under "Unattributed".
 */
test.use({
  locale: 'en-US',
  serverOptions: {
    simulator: 'embedded',
    simulatorEnv: { SIMULATOR_PROCESSING_MS: '1200', SIMULATOR_PROFILE: 'group-id-keys' },
  },
});

/** The group with the largest total in the BFF's rows, by id. */
function largest(done: Done, idOf: (row: Done['result']['usageDetails'][number]) => string) {
  const totals = new Map<string, number>();
  for (const row of done.result.usageDetails) {
    totals.set(idOf(row), (totals.get(idOf(row)) ?? 0) + row.usageAmountCents);
  }
  return [...totals].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const cases = [
  { option: 'Projects', noun: 'project' },
  { option: 'Clusters', noun: 'cluster' },
] as const;

for (const { option, noun } of cases) {
  test(`group by ${noun}s names every ${noun} as the simulator's dataset does`, async ({
    page,
    dashboard,
    simulator,
  }) => {
    const dataset = await simulator.dataset();
    const names = new Map(
      noun === 'project'
        ? dataset.projects.map((p) => [p.id, p.name])
        : dataset.clusters.map((c) => [c.id, c.name]),
    );
    await page.goto('/');
    await dashboard.waitForForm();
    await dashboard.chooseGroupBy(option);
    const { orgId, id } = await createdQuery(page, () =>
      page.getByRole('button', { name: 'Run query' }).click(),
    );
    const done = await fetchDone(page.request, orgId, id);
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();

    // What the BFF made of Atlas's rows: every row names a known project or cluster.
    const idOf = (row: Done['result']['usageDetails'][number]) =>
      (noun === 'project' ? row.projectId : row.clusterId) ?? '(none)';
    const nameOf = (row: Done['result']['usageDetails'][number]) =>
      noun === 'project' ? row.projectName : row.clusterName;
    expect(done.result.usageDetails.length).toBeGreaterThan(0);
    for (const row of done.result.usageDetails) {
      expect([...names.keys()]).toContain(idOf(row));
      expect(nameOf(row)).toBe(names.get(idOf(row)));
    }

    // What the page shows: the largest group first, by its name, and nothing unattributed.
    const table = dashboard.pivotTable(noun);
    await table.getByRole('button', { name: /^Total/ }).click();
    await expect(table.getByRole('columnheader', { name: /^Total/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const top = names.get(largest(done, idOf) ?? '') ?? '(unknown)';
    await expect(firstBodyRow(table).locator('th, td').first()).toContainText(top);
    await expect(table.getByText('Unattributed')).toHaveCount(0);
  });
}

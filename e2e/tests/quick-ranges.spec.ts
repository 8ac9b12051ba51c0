import { createdQuery, fetchDone, serverNow } from '../fixtures/cost-api';
import { monthLabel, monthsAgo } from '../fixtures/month-picker';
import { expect, test } from '../fixtures/test';

test.use({ locale: 'en-US' });

test('a quick range sets the Months picker, and the query runs on those months', async ({
  page,
  simulator,
}) => {
  const now = await serverNow(page.request);
  const [first, last] = [monthsAgo(now, 3), monthsAgo(now, 1)];
  await page.goto('/');
  const org = page.getByRole('combobox', { name: 'Organization' });
  await expect(org).not.toHaveValue('');

  // From the keyboard: open the menu, walk to "Last 3 complete months", choose it.
  await page.getByRole('button', { name: 'Quick ranges' }).focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitem', { name: /^Last 3 complete months/ });
  await expect(item).toContainText(`${monthLabel(first)} – ${monthLabel(last)}`);
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowDown');
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');
  const picker = page.getByRole('button', { name: 'Months' });
  await expect(picker).toContainText(`${monthLabel(first)} – ${monthLabel(last)}`);

  const { orgId, id } = await createdQuery(page, () =>
    page.getByRole('button', { name: 'Run query' }).click(),
  );
  const done = await fetchDone(page.request, orgId, id);
  expect(done.months).toEqual({ first, last });
  const [create] = await simulator.requestsTo('createUsage');
  const sent = JSON.parse(create!.body) as { startDate: string; endDate: string };
  // Atlas's end date is exclusive: the month after the last one shown.
  expect([sent.startDate, sent.endDate]).toEqual([first, monthsAgo(now, 0)]);

  // The tab names the organization and the months (the months as short as a tab allows).
  const orgName = await org.inputValue();
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const span = `${sameYear ? monthLabel(first).slice(0, 3) : monthLabel(first)}–${monthLabel(last)}`;
  await expect(page).toHaveTitle(`Cost Explorer — ${orgName} · ${span}`);
});

test('a link to no preset says so in the tab too', async ({ page, expectConsoleErrors }) => {
  expectConsoleErrors(
    /status of 404 \(Not Found\) \(http[^ ]*\/api\/presets\/AAAAAAAAAAAAAAAAAAAAAA:/,
  );
  await page.goto('/p/AAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByRole('heading', { name: 'Saved view not found' })).toBeVisible();
  await expect(page).toHaveTitle('Preset not found — Cost Explorer');
});

import { dashboardPage } from '../fixtures/dashboard';
import { expect, test } from '../fixtures/test';

test('a saved preset opens from its link in a fresh browser with the same controls and results', async ({
  page,
  context,
  browser,
  dashboard,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await dashboard.waitForForm();
  await dashboard.pickFirst('Projects');
  await dashboard.chooseGroupBy('Projects');
  await page.getByRole('switch', { name: 'Include partially matching charges' }).check();
  const total = await dashboard.runQuery();
  const controls = await dashboard.readControls();
  expect(controls.projects.chips).toHaveLength(1);

  await page.getByRole('button', { name: 'Save as preset' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as preset' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('E2E: first project, exact months');
  await expect(dialog.getByRole('radio', { name: /^These exact months: / })).toBeChecked();
  expect(await dashboard.axeViolations('[role="dialog"]')).toEqual([]);
  await dialog.getByRole('button', { name: 'Save preset' }).click();
  await expect(dialog).toBeHidden();

  const banner = page.getByRole('region', { name: 'Preset' });
  await expect(banner).toContainText('E2E: first project, exact months');
  await banner.getByRole('button', { name: 'Copy preset link' }).click();
  await expect(banner.getByRole('button', { name: '✓ Link copied' })).toBeVisible();
  const link = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByRole('heading', { name: 'Results' })).toBeVisible();
    await expect(other.getByTestId('grand-total')).toHaveText(total);
    expect(await dashboardPage(other).readControls()).toEqual(controls);
    await expect(other.getByRole('region', { name: 'Preset' })).toContainText(
      'E2E: first project, exact months',
    );
    expect(new URL(other.url()).pathname).toBe(new URL(link).pathname);
  } finally {
    await fresh.close();
  }
});

test('refresh, back and forward restore the controls and the results from the URL', async ({
  page,
  dashboard,
}) => {
  await page.goto('/');
  await dashboard.waitForForm();
  const totalA = await dashboard.runQuery();
  const a = { url: page.url(), controls: await dashboard.readControls() };
  expect(new URL(a.url).searchParams.get('v')).toBe('2');

  await dashboard.pickFirst('Projects');
  await dashboard.chooseGroupBy('Projects');
  // Editing replaces the entry: the results on screen are no longer those of the controls.
  await expect(page).not.toHaveURL(/[?&]run=1/);
  const totalB = await dashboard.runQuery();
  const b = { url: page.url(), controls: await dashboard.readControls() };
  expect(b.url).toContain('g=projects');

  await page.reload();
  await expect(page.getByTestId('grand-total')).toHaveText(totalB);
  await expect.poll(() => dashboard.readControls()).toEqual(b.controls);

  await page.goBack();
  await expect(page).toHaveURL(a.url);
  await expect(page.getByTestId('grand-total')).toHaveText(totalA);
  await expect.poll(() => dashboard.readControls()).toEqual(a.controls);

  await page.goForward();
  await expect(page).toHaveURL(b.url);
  await expect(page.getByTestId('grand-total')).toHaveText(totalB);
  await expect.poll(() => dashboard.readControls()).toEqual(b.controls);
});

test('a link with parameters the page cannot use says so and opens the rest', async ({
  page,
  dashboard,
}) => {
  await page.goto('/?v=1&org=not-an-id&from=2025-13&g=projects&colour=blue');
  const notice = page.getByRole('alert').filter({ hasText: 'Parts of this link were ignored' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('colour');
  await dashboard.waitForForm();
  await expect(page.getByRole('combobox', { name: 'Group by' })).toHaveValue('Projects');
});

test('an unknown or malformed share link shows a friendly page with a way to the dashboard', async ({
  page,
  dashboard,
  expectConsoleErrors,
}) => {
  // The BFF's 404 for the unknown id (a malformed one is never asked for).
  expectConsoleErrors(
    /status of 404 \(Not Found\) \(http[^ ]*\/api\/presets\/AAAAAAAAAAAAAAAAAAAAAA:/,
  );
  for (const path of ['/p/AAAAAAAAAAAAAAAAAAAAAA', '/p/not-a-preset']) {
    await page.goto(path);
    await expect(
      page.getByText("This link doesn't lead to a saved view — it may have been deleted."),
    ).toBeVisible();
  }
  expect(await dashboard.axeViolations()).toEqual([]);
  await page.getByRole('link', { name: 'Go to the dashboard' }).click();
  await dashboard.waitForForm();
  expect(new URL(page.url()).pathname).toBe('/');
});

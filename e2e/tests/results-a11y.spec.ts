import { expect, test } from '../fixtures/test';

test('results pass axe in light and dark mode, and the dark choice is remembered', async ({
  page,
  dashboard,
}) => {
  // Five full-page axe runs over a large DOM: slow on a busy 2-core machine (with the other
  // worker's browser beside it), not a hang.
  test.setTimeout(180_000);
  await dashboard.runClustersQuery();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  expect(await dashboard.axeViolations()).toEqual([]);
  await page.getByRole('tab', { name: /All usage rows/ }).click();
  await expect(page.getByRole('table', { name: 'Usage rows (USD)' })).toBeVisible();
  expect(await dashboard.axeViolations()).toEqual([]);

  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect(await dashboard.axeViolations()).toEqual([]);
  await page.getByRole('tab', { name: /By cluster and month/ }).click();
  await expect(page.getByRole('table', { name: /Cost by cluster/ })).toBeVisible();
  expect(await dashboard.axeViolations()).toEqual([]);

  expect(await page.evaluate<string | null>("localStorage.getItem('ace-color-scheme')")).toBe(
    'dark',
  );
  await page.reload();
  await expect(page.getByRole('button', { name: 'Switch to light mode' })).toBeVisible();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect(await dashboard.axeViolations()).toEqual([]);
});

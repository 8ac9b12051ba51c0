import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { runClustersQuery } from '../fixtures/results-page';
import { simulator } from '../fixtures/simulator';

test.beforeEach(async () => {
  await simulator.clearFaults();
});

/** Axe's findings as "rule: selector" lines, so a failure reads as a list. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.any[0]?.message ?? v.help}`),
  );
}

test('results pass axe in light and dark mode, and the dark choice is remembered', async ({
  page,
}) => {
  // Five full-page axe runs over a large DOM: slow on a busy 2-core machine, not a hang.
  test.setTimeout(120_000);
  await runClustersQuery(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  expect(await violations(page)).toEqual([]);
  await page.getByRole('tab', { name: /All usage rows/ }).click();
  await expect(page.getByRole('table', { name: 'Usage rows (USD)' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect(await violations(page)).toEqual([]);
  await page.getByRole('tab', { name: /By cluster and month/ }).click();
  await expect(page.getByRole('table', { name: /Cost by cluster/ })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  expect(await page.evaluate<string | null>("localStorage.getItem('ace-color-scheme')")).toBe(
    'dark',
  );
  await page.reload();
  await expect(page.getByRole('button', { name: 'Switch to light mode' })).toBeVisible();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect(await violations(page)).toEqual([]);
});

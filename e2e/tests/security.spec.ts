import { watchCsp } from '../fixtures/csp';
import { expect, test } from '../fixtures/test';

/**
 * The Content-Security-Policy, checked in a real browser: walking the whole app raises no CSP
 * violation, so the policy is strict and the app still works under it. (Canary credentials are
 * secrets.spec.ts: it needs servers of its own.)
 */

test.describe('the Content-Security-Policy', () => {
  test('walking the app (results, chart, pivot, detail, presets, dark mode) raises no CSP violation', async ({
    page,
    dashboard,
  }) => {
    // One large results page walked end to end on a shared 2-core machine: slow, not hung.
    test.setTimeout(180_000);
    const violations = await watchCsp(page);
    const csp = page.waitForResponse((r) => r.url().endsWith('/') && r.status() === 200);
    await dashboard.runClustersQuery();
    expect((await csp).headers()['content-security-policy']).toContain("frame-ancestors 'self'");

    await page.getByRole('tab', { name: /All usage rows/ }).click();
    await expect(page.getByRole('table', { name: 'Usage rows (USD)' })).toBeVisible();
    await page.getByRole('tab', { name: /By cluster and month/ }).click();
    await expect(page.getByRole('table', { name: /Cost by cluster/ })).toBeVisible();

    await page.getByRole('button', { name: 'Save as preset' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as preset' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Presets' }).click();
    await expect(page.getByRole('region', { name: 'Presets' })).toBeVisible();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(page.getByTestId('cost-chart').locator('.chart-bar').first()).toBeVisible();
    // A full reload runs the app's start-up again (color scheme from storage, first paint).
    await page.reload();
    await expect(page.getByRole('button', { name: 'Switch to light mode' })).toBeVisible();
    await page.getByRole('button', { name: 'Switch to light mode' }).click();

    expect(violations()).toEqual([]);
  });
});

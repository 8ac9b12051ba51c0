import { expect, test } from '../fixtures/test';

/**
 * Opening the dashboard asks the server for nothing that is not there (the favicon included:
 * browsers ask for one on every page) and logs no error in the console.
 */
test('the first screen loads without a missing file or a console error, with its favicon', async ({
  page,
  dashboard,
}) => {
  const errors: string[] = [];
  const missing: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('/');
  await dashboard.waitForForm();
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('href', '/favicon.svg');
  const favicon = await page.request.get('/favicon.svg');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toContain('image/svg+xml');
  // The tab names the view once the organizations are loaded: "Cost Explorer — Acme · Jul–Dec 2026".
  await expect(page).toHaveTitle(/^Cost Explorer — .+ · \w{3}(?: \d{4})?–\w{3} \d{4}$/);
  expect(missing).toEqual([]);
  expect(errors).toEqual([]);
});

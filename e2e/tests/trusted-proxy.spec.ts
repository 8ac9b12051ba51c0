import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { readCsv } from '../fixtures/csv-download';
import { dashboardPage } from '../fixtures/dashboard';
import { repoRoot } from '../fixtures/processes';
import { DEMO_CREDENTIALS } from '../fixtures/simulator';
import { expect, test } from '../fixtures/test';

/**
 * The deployment guide's trusted-proxy example (docs/deployment.md §8,
 * docs/examples/ace-config.example.json), run exactly as the guide says, with the browser
 * sending the identity headers the way oauth2-proxy would.
 */

const EXAMPLE_CONFIG = path.join(repoRoot, 'docs/examples/ace-config.example.json');
// The simulator's organizations in the example: the paying one and its two linked ones.
const PAYING = '67523e8090b82d028c2f75c2';
const LINKED_RETAIL = '68671980c2c698225639ffd9';
const LINKED_LABS = '697bf48053b7b3567de75328';

test.use({
  serverOptions: {
    simulator: 'standalone',
    simulatorEnv: { SIMULATOR_PROCESSING_MS: '600' },
    // The guide's variables, verbatim (ATLAS_BASE_URL: the simulator, set by the fixture).
    bffEnv: {
      CONFIG_FILE: EXAMPLE_CONFIG,
      // The guide's example uses the simulator's demo credentials.
      ACME_HOLDINGS_SA_SECRET: DEMO_CREDENTIALS.clientSecret,
      ACME_LABS_API_PRIVATE_KEY: DEMO_CREDENTIALS.privateKey,
      AUTH_MODE: 'trusted-proxy',
      TRUSTED_PROXIES: '127.0.0.1',
    },
  },
});

/** A browser as the proxy would present it: every request carries the user's headers. */
async function pageAs(browser: Browser, baseURL: string, headers: Record<string, string>) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: headers });
  const page = await context.newPage();
  return { context, page, dashboard: dashboardPage(page) };
}

async function orgOptions(page: Page): Promise<string[]> {
  await page.getByRole('combobox', { name: 'Organization' }).click();
  const options = await page.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  return options;
}

test('alice sees only the organization granted to her and gets its costs', async ({
  browser,
  servers,
}) => {
  const { context, page, dashboard } = await pageAs(browser, servers.bffUrl, {
    'X-Forwarded-Email': 'alice@example.com',
  });
  await page.goto('/');
  await dashboard.waitForForm();
  await expect(page.getByLabel('Signed in as alice@example.com')).toBeVisible();
  expect(await orgOptions(page)).toEqual(['Acme-Retail']);
  const total = await dashboard.runQuery();
  expect(total).toMatch(/\$\d/);
  await context.close();
});

test('paula, granted only the paying organization, gets none of its linked organizations’ costs, on the page or in an export', async ({
  browser,
  servers,
}) => {
  test.setTimeout(120_000);
  const { context, page, dashboard } = await pageAs(browser, servers.bffUrl, {
    'X-Forwarded-Email': 'paula@example.com',
  });
  await page.goto('/');
  await dashboard.waitForForm();
  expect(await orgOptions(page)).toEqual(['Acme-Holdings']);
  // Grouped by organization: a leak of a linked organization would be a row of its own.
  await dashboard.chooseGroupBy('Organizations');
  const total = await dashboard.runQuery();
  const pivotTable = page.getByRole('table', { name: /Cost by organization and month/ });
  await expect(pivotTable).toBeVisible();
  await expect(pivotTable).not.toContainText('Acme-Retail');
  await expect(pivotTable).not.toContainText('Acme-Labs');

  const pivot = await readCsv(page, 'Cost by organization and month');
  const detail = await readCsv(page, /^All usage rows/);
  for (const csv of [pivot, detail]) {
    const text = JSON.stringify([...csv.header, csv.columns, csv.rows]);
    for (const leaked of ['Acme-Retail', 'Acme-Labs', LINKED_RETAIL, LINKED_LABS]) {
      expect(text).not.toContain(leaked);
    }
  }
  expect(pivot.header.get('organizations_covered')).toBe(PAYING);
  // The export sums to the total the page shows, to the cent.
  expect(total.replace(/[^0-9]/g, '')).toBe(detail.sum('amount_usd').toString());
  await context.close();
});

test('the finance group sees every organization of both connections', async ({
  browser,
  servers,
}) => {
  const { context, page, dashboard } = await pageAs(browser, servers.bffUrl, {
    'X-Forwarded-Email': 'fran@example.com',
    'X-Forwarded-Groups': 'staff,finance',
  });
  await page.goto('/');
  await dashboard.waitForForm();
  expect((await orgOptions(page)).sort()).toEqual(['Acme-Holdings', 'Acme-Labs', 'Acme-Retail']);
  await context.close();
});

test('a user with no grant sees no organization, and Atlas is never asked about one', async ({
  browser,
  servers,
  simulator,
}) => {
  const { context, page } = await pageAs(browser, servers.bffUrl, {
    'X-Forwarded-Email': 'sam@example.com',
  });
  await page.goto('/');
  await expect(page.getByText('No organizations you have access to')).toBeVisible();
  const routes = (await simulator.requests()).map((r) => r.route);
  expect(routes.filter((r) => r !== 'listOrgs' && r !== 'oauthToken')).toEqual([]);
  await context.close();
});

test('without the proxy’s headers the page says the user is not signed in', async ({
  browser,
  servers,
}) => {
  const { context, page } = await pageAs(browser, servers.bffUrl, {});
  await page.goto('/');
  await expect(page.getByRole('alert').filter({ hasText: 'You are not signed in' })).toBeVisible();
  await context.close();
});

import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { runQuery, waitForForm } from '../fixtures/dashboard';
import { repoRoot, startAtlasAndBff, type AtlasAndBff } from '../fixtures/processes';

/**
 * Issue 7: the deployment guide's trusted-proxy example (docs/deployment.md §8,
 * docs/examples/ace-config.example.json), run exactly as the guide says, with the browser
 * sending the identity headers the way oauth2-proxy would.
 */

const EXAMPLE_CONFIG = path.join(repoRoot, 'docs/examples/ace-config.example.json');
// The simulator's documented demo credentials, which the guide's example uses.
const DEMO_SA_SECRET = 'mdb_sa_sk_demo-secret-not-for-production-0000';
const DEMO_PRIVATE_KEY = '00000000-0000-4000-a000-000000000000';

let stack: AtlasAndBff;
let bffUrl: string;
let simUrl: string;

test.beforeAll(async () => {
  stack = await startAtlasAndBff({
    simulatorEnv: { SIMULATOR_PROCESSING_MS: '600' },
    // The guide's variables, verbatim (ATLAS_BASE_URL: the simulator, set by the fixture).
    bffEnv: {
      CONFIG_FILE: EXAMPLE_CONFIG,
      ACME_HOLDINGS_SA_SECRET: DEMO_SA_SECRET,
      ACME_LABS_API_PRIVATE_KEY: DEMO_PRIVATE_KEY,
      AUTH_MODE: 'trusted-proxy',
      TRUSTED_PROXIES: '127.0.0.1',
    },
  });
  ({ bffUrl, simUrl } = stack);
});

test.afterAll(() => stack.stop());

/** A browser as the proxy would present it: every request carries the user's headers. */
async function pageAs(browser: Browser, headers: Record<string, string>) {
  const context = await browser.newContext({ baseURL: bffUrl, extraHTTPHeaders: headers });
  return { context, page: await context.newPage() };
}

async function orgOptions(page: Page): Promise<string[]> {
  await page.getByRole('combobox', { name: 'Organization' }).click();
  const options = await page.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  return options;
}

test('alice sees only the organization granted to her and gets its costs', async ({ browser }) => {
  const { context, page } = await pageAs(browser, { 'X-Forwarded-Email': 'alice@example.com' });
  await page.goto('/');
  await waitForForm(page);
  await expect(page.getByLabel('Signed in as alice@example.com')).toBeVisible();
  expect(await orgOptions(page)).toEqual(['Acme-Retail']);
  const total = await runQuery(page);
  expect(total).toMatch(/\$\d/);
  await context.close();
});

test('the finance group sees every organization of both connections', async ({ browser }) => {
  const { context, page } = await pageAs(browser, {
    'X-Forwarded-Email': 'fran@example.com',
    'X-Forwarded-Groups': 'staff,finance',
  });
  await page.goto('/');
  await waitForForm(page);
  expect((await orgOptions(page)).sort()).toEqual(['Acme-Holdings', 'Acme-Labs', 'Acme-Retail']);
  await context.close();
});

test('a user with no grant sees no organization, and Atlas is never asked about one', async ({
  browser,
}) => {
  await fetch(`${simUrl}/__sim/requests`, { method: 'DELETE' });
  const { context, page } = await pageAs(browser, { 'X-Forwarded-Email': 'sam@example.com' });
  await page.goto('/');
  await expect(page.getByText('No organizations you have access to')).toBeVisible();
  const log = (await (await fetch(`${simUrl}/__sim/requests`)).json()) as Array<{
    route: string;
  }>;
  const routes = log.map((r) => r.route);
  expect(routes.filter((r) => r !== 'listOrgs' && r !== 'oauthToken')).toEqual([]);
  await context.close();
});

test('without the proxy’s headers the page says the user is not signed in', async ({ browser }) => {
  const { context, page } = await pageAs(browser, {});
  await page.goto('/');
  await expect(page.getByRole('alert').filter({ hasText: 'You are not signed in' })).toBeVisible();
  await context.close();
});

import { expect, test, type Page } from '@playwright/test';
import { watchCsp } from '../fixtures/csp';
import { waitForForm } from '../fixtures/dashboard';
import { startAtlasAndBff, type AtlasAndBff } from '../fixtures/processes';
import { runClustersQuery } from '../fixtures/results-page';
import { simulator } from '../fixtures/simulator';

/**
 * Reliability anchors §7 checks 1 and 4 in a real browser: walking the whole app raises no CSP
 * violation, and with canary credentials configured nothing the browser can reach (storage,
 * cookies, IndexedDB, any response or request, the page) ever holds a canary.
 */

test.describe('the Content-Security-Policy', () => {
  test.beforeEach(async () => {
    await simulator.clearFaults();
  });

  test('walking the app (results, chart, pivot, detail, presets, dark mode) raises no CSP violation', async ({
    page,
  }) => {
    // One large results page walked end to end on a shared 2-core machine: slow, not hung.
    test.setTimeout(180_000);
    const violations = await watchCsp(page);
    const csp = page.waitForResponse((r) => r.url().endsWith('/') && r.status() === 200);
    await runClustersQuery(page);
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
    await expect(
      page.getByTestId('cost-chart').locator('.recharts-bar-rectangle').first(),
    ).toBeVisible();
    // A full reload runs the app's start-up again (color scheme from storage, first paint).
    await page.reload();
    await expect(page.getByRole('button', { name: 'Switch to light mode' })).toBeVisible();
    await page.getByRole('button', { name: 'Switch to light mode' }).click();

    expect(violations()).toEqual([]);
  });
});

// ---------- canary credentials ----------

const CANARY = {
  clientId: 'mdb_sa_id_canary00000000000e2e1',
  clientSecret: 'CANARY-e2e-sa-secret-41c9d2f7',
};

test.describe('with canary credentials', () => {
  let stack: AtlasAndBff;
  let bffUrl: string;

  test.beforeAll(async () => {
    // Two tsx processes starting on a busy machine.
    test.setTimeout(90_000);
    const credentials = {
      ATLAS_CLIENT_ID: CANARY.clientId,
      ATLAS_CLIENT_SECRET: CANARY.clientSecret,
    };
    stack = await startAtlasAndBff({
      // The simulator accepts exactly these credentials (ATLAS_* from its environment).
      simulatorEnv: {
        SIMULATOR_PROCESSING_MS: '800',
        ...credentials,
        ATLAS_PUBLIC_KEY: '',
        ATLAS_PRIVATE_KEY: '',
      },
      bffEnv: credentials,
      // Own ports (E2E_CANARY_*_PORT to pin them), apart from the suite's BFF and simulator.
      ports: {
        ...(process.env.E2E_CANARY_SIMULATOR_PORT && {
          simulator: Number(process.env.E2E_CANARY_SIMULATOR_PORT),
        }),
        ...(process.env.E2E_CANARY_BFF_PORT && { bff: Number(process.env.E2E_CANARY_BFF_PORT) }),
      },
    });
    ({ bffUrl } = stack);
  });

  test.afterAll(() => stack.stop());

  test('no canary secret or upstream token reaches the browser: storage, cookies, network, page', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    const seen: string[] = [];
    const pending: Array<Promise<void>> = [];
    page.on('request', (request) => {
      pending.push(
        request.allHeaders().then((headers) => {
          seen.push(
            `request ${request.url()} ${JSON.stringify(headers)} ${request.postData() ?? ''}`,
          );
        }),
      );
    });
    page.on('response', (response) => {
      pending.push(
        (async () => {
          const headers = JSON.stringify(await response.allHeaders());
          const body = await response.body().then(
            (b) => b.toString('utf8'),
            () => '', // redirects and aborted loads have no body
          );
          seen.push(`response ${response.url()} ${response.status()} ${headers}\n${body}`);
        })(),
      );
    });

    await page.goto(bffUrl);
    await waitForForm(page);
    await page.getByRole('button', { name: 'Run query' }).click();
    // Its own processes on a shared 2-core machine: allow more than the default 15 s.
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('tab', { name: /All usage rows/ }).click();
    await expect(page.getByRole('table', { name: 'Usage rows (USD)' })).toBeVisible();
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await Promise.all(pending);

    // The access token the BFF got from (simulated) Atlas is a secret as much as the key.
    const upstream = (await (await fetch(`${stack.simUrl}/__sim/requests`)).json()) as Array<{
      route: string;
      headers: Record<string, string>;
    }>;
    const tokens = upstream
      .map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1])
      .filter((t): t is string => Boolean(t));
    expect(upstream.some((r) => r.route === 'createUsage')).toBe(true);
    expect(tokens.length).toBeGreaterThan(0);
    const secrets = [CANARY.clientSecret, ...new Set(tokens)];

    const browserState = await readBrowserState(page);
    const cookies = JSON.stringify(await context.cookies());
    const html = await page.content();
    expect(seen.length).toBeGreaterThan(5);
    // Proof the storage dump is real: the dark-mode choice is kept there.
    expect(browserState.localStorage).toContain('ace-color-scheme');
    const haystacks = {
      network: seen.join('\n'),
      localStorage: browserState.localStorage,
      sessionStorage: browserState.sessionStorage,
      indexedDb: browserState.indexedDb,
      cookies,
      html,
    };
    const leaks = Object.entries(haystacks).flatMap(([where, text]) =>
      secrets.filter((secret) => text.includes(secret)).map((secret) => `${where}: ${secret}`),
    );
    expect(leaks).toEqual([]);
    // The client id is not secret, but the browser has no use for it either.
    expect(haystacks.network).not.toContain(CANARY.clientId);
  });
});

/** Everything the page keeps for later, as text; runs in the page (a string: no DOM types here). */
function readBrowserState(
  page: Page,
): Promise<{ localStorage: string; sessionStorage: string; indexedDb: string }> {
  return page.evaluate(`(async () => {
    const dump = (storage) =>
      JSON.stringify(
        Array.from({ length: storage.length }, (_, i) => {
          const key = storage.key(i) ?? '';
          return [key, storage.getItem(key)];
        }),
      );
    const databases = await indexedDB.databases();
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDb: JSON.stringify(databases.map((d) => d.name)),
    };
  })()`);
}

import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';

/**
 * The BFF keeps the Atlas credentials (docs/decisions/001), checked in a real browser: with
 * canary credentials configured, nothing the browser can reach (storage, cookies, IndexedDB, any
 * response or request, the page) ever holds a canary.
 */

const CANARY = {
  clientId: 'mdb_sa_id_canary00000000000e2e1',
  clientSecret: 'CANARY-e2e-sa-secret-41c9d2f7',
};

const credentials = {
  ATLAS_CLIENT_ID: CANARY.clientId,
  ATLAS_CLIENT_SECRET: CANARY.clientSecret,
};
// Servers of their own: the simulator accepts exactly these credentials (ATLAS_* from its
// environment), and the BFF calls it with them.
test.use({
  serverOptions: {
    simulator: 'standalone',
    simulatorEnv: { SIMULATOR_PROCESSING_MS: '800', ...credentials },
    bffEnv: credentials,
  },
});

test.describe('with canary credentials', () => {
  test('no canary secret or upstream token reaches the browser: storage, cookies, network, page', async ({
    page,
    context,
    dashboard,
    simulator,
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

    await page.goto('/');
    await dashboard.waitForForm();
    await page.getByRole('button', { name: 'Run query' }).click();
    // Its own processes on a shared 2-core machine: allow more than the default 15 s.
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('tab', { name: /All usage rows/ }).click();
    await expect(page.getByRole('table', { name: 'Usage rows (USD)' })).toBeVisible();
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await Promise.all(pending);

    // The access token the BFF got from (simulated) Atlas is a secret as much as the key.
    const upstream = await simulator.requests();
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

/* global window, document, requestAnimationFrame, MutationObserver, addEventListener */
// One measured session of the Clusters picker against a BFF already running at scale 50: how
// long it takes to open, and how long each of 8 keystrokes takes to show the filtered list.
// Every time is read from the page's own clock (event.timeStamp → the first frame after the
// change, requestAnimationFrame then a task: past paint), so Playwright's round trips never count.

const LABEL = 'Clusters';
const KEYSTROKES = 8;

/** Runs in the page before its scripts (page.addInitScript). */
function installPickerProbes() {
  const afterPaint = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(0);
    });
  const probe = (window.__picker = { armed: undefined, result: undefined });
  const listReady = () => document.querySelector('[role="listbox"] [role="option"]') !== null;
  // Open: from the click on the field to the first frame with options in the DOM.
  addEventListener(
    'click',
    (event) => {
      if (probe.armed !== 'open') return;
      probe.armed = undefined;
      const start = event.timeStamp;
      const finish = () => afterPaint((t) => (probe.result = t - start));
      if (listReady()) return finish();
      const observer = new MutationObserver(() => {
        if (!listReady()) return;
        observer.disconnect();
        finish();
      });
      observer.observe(document.body, { subtree: true, childList: true });
    },
    true,
  );
  // A keystroke: from keydown to the first frame after the input event was handled. The picker
  // renders synchronously in that event (React's discrete updates), so that frame shows the
  // filtered list; the listbox's text is kept to check it did change.
  let keyAt;
  addEventListener(
    'keydown',
    (event) => {
      if (probe.armed === 'key') keyAt = event.timeStamp;
    },
    true,
  );
  addEventListener('input', () => {
    if (probe.armed !== 'key' || keyAt === undefined) return;
    probe.armed = undefined;
    const start = keyAt;
    keyAt = undefined;
    afterPaint((t) => {
      const list = document.querySelector('[role="listbox"]');
      probe.result = {
        ms: t - start,
        options: list ? list.querySelectorAll('[role="option"]').length : 0,
        first: list?.querySelector('[role="option"]')?.textContent ?? '',
      };
    });
  });
}

const arm = (page, what) =>
  page.evaluate((armed) => {
    window.__picker.armed = armed;
    window.__picker.result = undefined;
  }, what);

const result = async (page) => {
  await page.waitForFunction(() => window.__picker.result !== undefined, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => window.__picker.result);
};

/**
 * The organization with the most clusters (the simulator spreads them over three), and the
 * first letters of one of its cluster names: what gets typed.
 */
async function largestOrg(page) {
  const headers = { 'X-CSRF': '1' };
  const orgs = (await (await page.request.get('/api/orgs', { headers })).json()).items;
  let best;
  for (const org of orgs) {
    const url = `/api/orgs/${org.id}/clusters`;
    const names = (await (await page.request.get(url, { headers })).json()).items.map(
      (c) => c.name,
    );
    if (!best || names.length > best.names.length) best = { org, names };
  }
  const long = best.names.filter((n) => n.length >= KEYSTROKES);
  // One from the middle of the list: far from the top, as a real search usually is.
  const text = long[Math.floor(long.length / 2)].slice(0, KEYSTROKES);
  return {
    orgName: best.org.name,
    isFirst: best.org.id === orgs[0].id,
    text,
    count: best.names.length,
  };
}

export async function measurePicker(browser, { baseUrl }) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(installPickerProbes);
    await page.goto('/');
    const { orgName, isFirst, text, count } = await largestOrg(page);
    const organization = page.getByRole('combobox', { name: 'Organization' });
    await organization.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    if (!isFirst) {
      await organization.click();
      await page.getByRole('option', { name: orgName, exact: true }).click();
    }
    const picker = page.getByRole('combobox', { name: LABEL });
    // Enabled once the org's clusters are in; then the page is left to settle.
    await picker.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

    await arm(page, 'open');
    await picker.click();
    const openMs = await result(page);

    const keystrokeMs = [];
    const shown = [];
    for (const key of text) {
      await arm(page, 'key');
      await page.keyboard.press(key);
      const { ms, options, first } = await result(page);
      keystrokeMs.push(ms);
      shown.push({ key, options, first });
    }
    const last = shown.at(-1);
    if (!last.first.toLowerCase().includes(text.toLowerCase())) {
      throw new Error(`after typing "${text}" the list shows "${last.first}"`);
    }
    return { openMs, keystrokeMs, typed: text, clusters: count, organization: orgName, shown };
  } finally {
    await context.close();
  }
}

/* global window, document, requestAnimationFrame, MutationObserver, addEventListener */
// In-page timing probes. Everything is read from the page's own clock (performance.now()), so
// Playwright's round trips never count. "Visible" is the first frame after the DOM holds both
// the chart's bars and the pivot's first row (requestAnimationFrame, then a task: past paint).

/** Runs in the page before its scripts (page.addInitScript). */
export function installProbes() {
  const marks = {};
  window.__ace = { marks };
  const afterPaint = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(0);
    });
  new MutationObserver(() => {
    if (marks.visibleDom === undefined) {
      const bars = document.querySelector('[data-testid="cost-chart"] .chart-bar');
      const row = document.querySelector('[data-testid="pivot-table"] tbody tr[aria-rowindex="2"]');
      if (bars && row) {
        marks.visibleDom = performance.now();
        afterPaint((t) => (marks.visible = t));
      }
    }
  }).observe(document, { subtree: true, childList: true });
  addEventListener('click', (event) => (window.__ace.clickAt = event.timeStamp), true);
  window.__aceAfterPaint = afterPaint;
}

/**
 * The steps after the result arrived, on the page's clock: when the final poll's body was in
 * (Resource Timing), when the app had parsed and checked it and built the pivot (its own
 * User Timing measures, ace:parse and ace:pivot).
 */
export function resultTimeline() {
  const polls = performance
    .getEntriesByType('resource')
    .filter((e) => /\/api\/orgs\/[^/]+\/cost-queries\/[^/?]+(\?|$)/.test(e.name));
  const end = (entry) => (entry ? entry.startTime + entry.duration : undefined);
  const parses = performance
    .getEntriesByType('measure')
    .filter((m) => m.name.startsWith('ace:parse') && /\/cost-queries\/:id$/.test(m.name));
  const pivot = performance.getEntriesByName('ace:pivot', 'measure')[0];
  return {
    arrived: polls.at(-1)?.responseEnd,
    parsed: end(parses.at(-1)),
    pivotStart: pivot?.startTime,
    pivotEnd: end(pivot),
  };
}

/** Arms a watch on a table's first body row; resolves `__ace.changed` once it changes. */
export function watchFirstRow(testId) {
  const table = document.querySelector(`[data-testid="${testId}"]`);
  const first = () => table.querySelector('tbody tr[aria-rowindex="2"]')?.textContent;
  const before = first();
  window.__ace.changed = undefined;
  const observer = new MutationObserver(() => {
    if (first() === before) return;
    observer.disconnect();
    window.__aceAfterPaint((t) => (window.__ace.changed = t));
  });
  observer.observe(table, { subtree: true, childList: true, characterData: true });
}

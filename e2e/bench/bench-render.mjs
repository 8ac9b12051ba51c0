// `pnpm bench:render`: how fast results render, sort and export at 100,000 rows, in headless
// Chromium against the real BFF and its simulator. A benchmark, not a test: it prints figures
// next to their targets and a ratio against a 10,000-row baseline from the same process; it
// fails only if it cannot measure. It builds the web app into a directory of its own (others
// may be building web/dist at the same time); BENCH_DIST=dir uses an existing build instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { startBff } from './bff-server.mjs';
import { measureRun } from './measure-run.mjs';
import { rowsOfClusters, simulatorRows } from './simulator-rows.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PORT = Number(process.env.BENCH_BFF_PORT ?? 3390);
const SIMULATOR_PORT = Number(process.env.BENCH_SIMULATOR_PORT ?? 3391);
const SCALE = Number(process.env.BENCH_SIMULATOR_SCALE ?? 50);
const ROWS = 100_000;
const BASELINE_ROWS = 10_000;
/** Runs per size; figures are medians (the machines are shared and 2-core: runs vary). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const ownDist = process.env.BENCH_DIST ? undefined : mkdtempSync(path.join(tmpdir(), 'ace-dist-'));
const dist = process.env.BENCH_DIST ?? ownDist;
if (ownDist) {
  const build = spawnSync(
    'pnpm',
    ['exec', 'vite', 'build', '--logLevel', 'error', '--outDir', ownDist, '--emptyOutDir'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (value, unit) => `${value.toFixed(unit === 'KB' ? 1 : 0)} ${unit}`;

const bff = await startBff({
  root,
  port: PORT,
  simulatorPort: SIMULATOR_PORT,
  scale: SCALE,
  webDistDir: dist,
});
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const meta = await (await fetch(`${bff.url}/api/meta`, { headers: { 'X-CSRF': '1' } })).json();
  const all = await simulatorRows(bff.simulatorUrl, new Date(meta.now));
  // What the page POSTs: a question the BFF accepts (≤ 500 clusters) over the same months.
  const request = {
    ...all.question,
    filters: { clusters: all.clusters.slice(0, 500) },
  };
  const runs = { baseline: [], large: [] };
  const sizes = {
    baseline: rowsOfClusters(all.rows, BASELINE_ROWS),
    large: rowsOfClusters(all.rows, ROWS),
  };
  // Interleaved, so a burst of load elsewhere on the machine hits both sizes alike.
  for (let i = 0; i < RUNS; i++) {
    for (const name of ['baseline', 'large']) {
      runs[name].push(await measureRun(browser, { baseUrl: bff.url, request, rows: sizes[name] }));
    }
  }
  const { baseline, large } = runs;
  const lines = [
    ['chart + pivot visible after the result arrives', (r) => r.visibleMs, 1000, 'ms'],
    ['  1. body read, JSON.parse, contract check', (r) => r.parseMs, null, 'ms'],
    ['  2. pivot built (exact integer cents)', (r) => r.pivotMs, null, 'ms'],
    ['  3. chart, pivot table rendered, painted', (r) => r.renderMs, null, 'ms'],
    ['sort the detail table (median of 3)', (r) => median(r.sorts), 150, 'ms'],
    ['build the CSV of every usage row', (r) => r.csv['detail-csv'], 500, 'ms'],
    ['build the CSV of the pivot', (r) => r.csv['pivot-csv'], 500, 'ms'],
    ['JS loaded on the first screen (gzip)', (r) => r.firstScreenKb, 250, 'KB'],
  ];
  console.log(
    `\nbench:render — simulator scale ${SCALE}, ${all.rows.length.toLocaleString('en-US')} rows available; ` +
      `${sizes.large.length.toLocaleString('en-US')} vs ${sizes.baseline.length.toLocaleString('en-US')} rows (grouped by cluster, ${all.question.period.first} to ${all.question.period.last}); ` +
      `median of ${RUNS} runs each\n`,
  );
  console.log(
    `${'metric'.padEnd(50)}${'large'.padStart(11)}${'target'.padStart(11)}${'baseline'.padStart(11)}${'ratio'.padStart(8)}  verdict`,
  );
  for (const [label, pick, target, unit] of lines) {
    const value = median(large.map(pick));
    const base = median(baseline.map(pick));
    const verdict = target === null ? '' : value <= target ? 'ok' : 'OVER';
    console.log(
      `${label.padEnd(50)}${fmt(value, unit).padStart(11)}${(target === null ? '' : `≤ ${target} ${unit}`).padStart(11)}${fmt(base, unit).padStart(11)}${`${(value / base).toFixed(1)}×`.padStart(8)}  ${verdict}`,
    );
  }
  const each = (pick) => large.map((r) => pick(r).toFixed(0)).join(', ');
  console.log(
    `\nlarge, every run (ms): visible ${each((r) => r.visibleMs)}; sorts ${large
      .map((r) => r.sorts.map((s) => s.toFixed(0)).join('/'))
      .join(', ')}; usage-rows CSV ${each((r) => r.csv['detail-csv'])}`,
  );
  const [first] = large;
  console.log(
    `first screen: ${first.firstScreenFiles} JS file(s); loaded with the results: ${first.lazy
      .map((c) => `${c.file} ${c.kb.toFixed(1)} KB`)
      .join(', ')}`,
  );
} finally {
  await browser.close();
  await bff.stop();
  if (ownDist) rmSync(ownDist, { recursive: true, force: true });
}

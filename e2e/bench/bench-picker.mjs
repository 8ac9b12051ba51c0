// How fast the Clusters picker opens and filters at simulator scale 50 (~13,500 clusters), in
// headless Chromium against the real BFF. A benchmark, not a test: it prints medians next to
// their targets and fails only if it cannot measure. It builds the web app into a directory of
// its own, as bench-render does; BENCH_DIST=dir uses an existing build instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { startBff } from './bff-server.mjs';
import { measurePicker } from './measure-picker.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PORT = Number(process.env.BENCH_BFF_PORT ?? 3396);
const SIMULATOR_PORT = Number(process.env.BENCH_SIMULATOR_PORT ?? 3397);
const SCALE = Number(process.env.BENCH_SIMULATOR_SCALE ?? 50);
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

const bff = await startBff({
  root,
  port: PORT,
  simulatorPort: SIMULATOR_PORT,
  scale: SCALE,
  webDistDir: dist,
});
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measurePicker(browser, { baseUrl: bff.url }));
  const open = median(runs.map((r) => r.openMs));
  const keys = median(runs.map((r) => median(r.keystrokeMs)));
  const [first] = runs;
  console.log(
    `\nbench:picker — simulator scale ${SCALE}, ${first.clusters.toLocaleString('en-US')} clusters in ${first.organization} (the largest org); typed "${first.typed}"; median of ${RUNS} runs\n`,
  );
  for (const [label, value, target] of [
    ['open the Clusters list (click → options painted)', open, 150],
    ['one keystroke (keydown → filtered list painted)', keys, 50],
  ]) {
    console.log(
      `${label.padEnd(52)}${`${value.toFixed(0)} ms`.padStart(9)}${`≤ ${target} ms`.padStart(11)}  ${value <= target ? 'ok' : 'OVER'}`,
    );
  }
  console.log(
    `\nevery run (ms): open ${runs.map((r) => r.openMs.toFixed(0)).join(', ')}; keystrokes ${runs
      .map((r) => r.keystrokeMs.map((ms) => ms.toFixed(0)).join('/'))
      .join(', ')}`,
  );
  console.log(
    `options rendered after each key (first run): ${first.shown.map((s) => `${s.key}:${s.options}`).join(' ')}`,
  );
} finally {
  await browser.close();
  await bff.stop();
  if (ownDist) rmSync(ownDist, { recursive: true, force: true });
}

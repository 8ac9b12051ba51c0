// `pnpm bench:memory`: the BFF's memory while it composes, stores and serves a ~1,000,000-row
// result (decision 018). Runs the same work twice, each in its own process so each has its own
// peak RSS (Linux's VmHWM): the path before 018 (every row an object; bff/bench/legacy-assembly.ts)
// and today's (rows in columns). Both must store the same bytes: the poll's payload, the rows in
// columns, every month's slice and every part are compared by their SHA-256.
// BENCH_MEMORY_CLUSTERS (default 62,000) sets the size: ~16.6 rows per cluster.
import { spawnSync } from 'node:child_process';
import { reportFigure } from './bench/report.mjs';

const TARGET_MB = 500;

function run(impl) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bff/bench/memory-run.ts', impl], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`the ${impl} run failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

const legacy = run('legacy');
const current = run('current');
const same = ['rows', 'payload', 'detail', 'slices', 'storedParts'].filter(
  (key) => legacy[key] !== current[key],
);
for (const r of [legacy, current]) {
  process.stdout.write(
    `${r.impl.padEnd(7)}: ${r.rows.toLocaleString('en-US')} rows in ${r.parts} parts; ` +
      `peak RSS ${r.peakRssMb} MB (${r.peakAfterPartsMb} MB before assembling); ` +
      `parts ${r.partsMs} ms, assemble + store + read back ${r.assembleMs} ms; ` +
      `${(r.servedBytes / 1e6).toFixed(1)} MB served\n`,
  );
}
process.stdout.write(
  same.length === 0
    ? 'identical: payload, rows in columns, slices and parts (SHA-256)\n'
    : `DIFFERENT: ${same.join(', ')}\n`,
);
const metric = (name) => `${name}, ${current.rows} rows`;
reportFigure({
  bench: 'memory',
  metric: metric('BFF peak RSS (before 018)'),
  value: legacy.peakRssMb,
  unit: 'MB',
});
reportFigure({
  bench: 'memory',
  metric: metric('BFF peak RSS'),
  value: current.peakRssMb,
  unit: 'MB',
  target: `< ${TARGET_MB}`,
  ok: current.peakRssMb < TARGET_MB,
});
reportFigure({
  bench: 'memory',
  metric: 'peak RSS, today / before',
  value: Number((current.peakRssMb / legacy.peakRssMb).toFixed(2)),
});
reportFigure({
  bench: 'memory',
  metric: 'stored bytes identical',
  value: same.length === 0 ? 'yes' : 'no',
  target: 'yes',
  ok: same.length === 0,
});
process.exit(same.length === 0 ? 0 : 1);

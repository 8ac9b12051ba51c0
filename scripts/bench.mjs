// `pnpm bench`: runs every `bench:*` script of the root package.json, one after another (they
// measure time, so never in parallel), shows their output as it comes, then prints one table of
// the figures they reported with `BENCH {json}` lines (see scripts/bench/report.mjs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { formatTable, parseFigures } from './bench/report.mjs';

const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const benches = Object.keys(scripts ?? {})
  .filter((name) => name.startsWith('bench:'))
  .sort();

function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('pnpm', ['run', '--silent', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.on('close', (code) =>
      resolve({ name, code, seconds: (Date.now() - started) / 1000, output }),
    );
  });
}

const results = [];
for (const name of benches) {
  process.stdout.write(`\n=== ${name}\n`);
  results.push(await run(name));
}

const rows = results.flatMap(({ name, code, seconds, output }) => {
  const figures = parseFigures(output);
  const status = code === 0 ? `ran in ${seconds.toFixed(0)} s` : `FAILED (exit ${code})`;
  if (figures.length === 0) return [[name, status, '', '', '', '']];
  return figures.map((f) => [
    name,
    f.metric,
    f.value,
    f.unit ?? '',
    f.target ?? '',
    f.target ? (f.ok ? 'yes' : 'NO') : '',
  ]);
});
process.stdout.write(`\n=== Summary (${benches.length} benchmarks)\n`);
process.stdout.write(
  `${formatTable(['bench', 'figure', 'value', 'unit', 'target', 'met'], rows)}\n`,
);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);

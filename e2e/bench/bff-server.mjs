// Starts the real BFF (no Atlas credentials: it embeds the simulator) for the benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bffNodeOptions } from '../../scripts/bff-heap.mjs';

/** The simulator's documented demo credentials (bff/src/simulator/auth/credentials.ts). */
const DEMO = {
  ATLAS_CLIENT_ID: 'mdb_sa_id_demo000000000000000000',
  ATLAS_CLIENT_SECRET: 'mdb_sa_sk_demo-secret-not-for-production-0000',
};

/** The simulator as its own process (so the BFF's memory is the BFF's alone). */
async function startSimulator({ root, port, scale, processingMs }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/src/simulator/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      SIMULATOR_PORT: String(port),
      SIMULATOR_SCALE: String(scale),
      SIMULATOR_PROCESSING_MS: String(processingMs),
    },
  });
  let output = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString('utf8');
      if (output.includes('Atlas simulator listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
  child.stdout.resume();
  return child;
}

/**
 * The real BFF. By default it embeds the simulator (no credentials, as `pnpm start`);
 * `standaloneSimulator`: the simulator runs as its own process and the BFF calls it with the
 * demo credentials, as it would call Atlas, so `peakRssMb` is the BFF's own.
 */
export async function startBff({
  root,
  port,
  simulatorPort,
  scale,
  webDistDir,
  env = {},
  standaloneSimulator = false,
}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ace-bench-'));
  const simulator = standaloneSimulator
    ? await startSimulator({ root, port: simulatorPort, scale, processingMs: 50 })
    : undefined;
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const upstream = simulator ? { ...DEMO, ATLAS_BASE_URL: simulatorUrl } : {};
  // One node process (tsx as a loader, not its CLI's child process): its memory is the BFF's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_SCALE: String(scale),
      SIMULATOR_PROCESSING_MS: '300',
      POLL_INITIAL_MS: '100',
      POLL_MAX_MS: '300',
      PICKER_CACHE_TTL_MS: '600000',
      LOG_LEVEL: 'warn',
      // Bounded as `pnpm start` bounds it: the RSS measured is the product's.
      NODE_OPTIONS: bffNodeOptions(process.env),
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDistDir,
      ATLAS_CLIENT_ID: '',
      ATLAS_CLIENT_SECRET: '',
      ATLAS_PUBLIC_KEY: '',
      ATLAS_PRIVATE_KEY: '',
      ...upstream,
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the BFF did not become ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    simulatorUrl,
    /** The BFF process's peak resident memory so far (Linux's VmHWM), in MB. */
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]);
      return kb / 1024;
    },
    async stop() {
      // tsx forwards SIGTERM to the server, which shuts down gracefully.
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      if (simulator) {
        simulator.kill('SIGTERM');
        await new Promise((resolve) => simulator.once('exit', resolve));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

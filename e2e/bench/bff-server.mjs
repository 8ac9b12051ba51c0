// Starts the real BFF (no Atlas credentials: it embeds the simulator) for the benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function startBff({ root, port, simulatorPort, scale, webDistDir, env = {} }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ace-bench-'));
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
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDistDir,
      ATLAS_CLIENT_ID: '',
      ATLAS_CLIENT_SECRET: '',
      ATLAS_PUBLIC_KEY: '',
      ATLAS_PRIVATE_KEY: '',
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
    simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

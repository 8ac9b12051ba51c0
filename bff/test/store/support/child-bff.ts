import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const bffRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface ChildBff {
  url: string;
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

/**
 * Starts the real BFF (src/main.ts) as its own process, as `pnpm start` does, on port 0 with no
 * Atlas credentials (so it embeds the simulator). `node --import tsx` keeps it ONE process:
 * the `tsx` CLI forks a child, and a SIGKILL to the wrapper would leave the server running.
 * Resolves with the URL from the "is listening on" log line.
 */
export function startChildBff(
  env: Record<string, string>,
  startTimeoutMs = 20_000,
): Promise<ChildBff> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: bffRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      // Empty values win over any .env file: the child must never reach real Atlas.
      ATLAS_CLIENT_ID: '',
      ATLAS_CLIENT_SECRET: '',
      ATLAS_PUBLIC_KEY: '',
      ATLAS_PRIVATE_KEY: '',
      DATABASE_URL: '',
      SIMULATOR_PROCESSING_MS: '10',
      WARM_PRESETS_OPENED_WITHIN_DAYS: '0',
      ...env,
    },
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise<ChildBff>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`BFF did not start within ${startTimeoutMs} ms\n${stderr}`));
    }, startTimeoutMs);
    // Keep reading every line: a full stdout pipe would block the server's logger.
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /is listening on (http:\/\/\S+?)"/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, exited });
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`BFF exited (${String(how)}) before listening\n${stderr}`));
    });
  });
}

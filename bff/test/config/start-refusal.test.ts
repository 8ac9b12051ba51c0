import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDirPerFile } from '../support/config';

const ENTRY = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const BFF_DIR = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = tempDirPerFile('ace-refusal-');

/** Runs `pnpm start`'s entry point with exactly this environment; resolves when it exits. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: BFF_DIR,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('the server refuses to start open to the network', () => {
  it('exits non-zero with AUTH_MODE=none and HOST=0.0.0.0, saying what to set', async () => {
    const { code, output } = await runMain({
      AUTH_MODE: 'none',
      HOST: '0.0.0.0',
      PUBLIC_ORIGIN: 'https://costs.example.com',
    });
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration');
    expect(output).toContain('HOST: 0.0.0.0 is not a loopback address');
    expect(output).toContain('AUTH_MODE=trusted-proxy');
    expect(output).not.toContain('is listening');
  });
});

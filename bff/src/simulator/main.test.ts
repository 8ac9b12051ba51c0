import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from './auth/credentials';
import { request } from './testing/http';

const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));
const BFF_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `main.ts` in its own process with exactly this environment (no inherited variables). */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: BFF_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const banner = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (output.includes('Try: curl')) resolve(output);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, banner, exited };
}

describe('pnpm simulator (main.ts)', () => {
  it('prints its URL and the demo credentials, serves Atlas, and stops on SIGTERM', async () => {
    const run = startMain({ SIMULATOR_PORT: '0', SIMULATOR_PROCESSING_MS: '0' });
    const banner = await run.banner;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    expect(url).not.toBe('');
    expect(banner).toContain(DEMO_CREDENTIALS.clientId);
    expect(banner).toContain(DEMO_CREDENTIALS.clientSecret);
    expect(banner).toContain(DEMO_CREDENTIALS.privateKey);
    expect((await request(`${url}/api/atlas/v2/orgs`)).status).toBe(401);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('names the environment variable instead of printing a secret taken from it', async () => {
    const secret = 'mdb_sa_sk_from-the-environment';
    const privateKey = '11111111-2222-4333-8444-555555555555';
    const run = startMain({
      SIMULATOR_PORT: '0',
      ATLAS_CLIENT_ID: 'mdb_sa_id_0123456789abcdef01234567',
      ATLAS_CLIENT_SECRET: secret,
      ATLAS_PUBLIC_KEY: 'envpubkey',
      ATLAS_PRIVATE_KEY: privateKey,
    });
    const banner = await run.banner;
    expect(banner).toContain('mdb_sa_id_0123456789abcdef01234567');
    expect(banner).toContain('(from ATLAS_CLIENT_SECRET)');
    expect(banner).toContain('envpubkey');
    expect(banner).not.toContain(secret);
    expect(banner).not.toContain(privateKey);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });
});

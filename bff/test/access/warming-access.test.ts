import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { presetResponseSchema } from '../../src/contract';
import { presetBody } from '../support/presets';
import { upstreamCalls } from '../support/queries';
import { startBff } from '../support/stack';
import { SA_SECRET_CANARY, startAccessStack, type AccessStack } from '../support/access-stack';

// Warming asks as the viewer who opened the preset, under the access rules in force when it
// runs: what it asks Atlas names exactly that viewer's organizations, and a revoked grant warms
// nothing.
const OWNER = 'owner@example.com';
const PAULA = 'paula@example.com';
let stack: AccessStack;
let dataDir: string;

// A fresh store per test: a warming run is done once a day per store.
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ace-warm-access-'));
  stack = await startAccessStack({
    access: (orgs) => ({ users: { [OWNER]: '*', [PAULA]: [orgs.b] }, groups: {} }),
    env: { DATA_DIR: dataDir },
  });
});
afterEach(() => stack.close());

/** Paula opens a preset (saved by the owner) about her own org B. */
async function paulaOpensHerPreset(): Promise<string> {
  const { b } = stack.orgs;
  const saved = await stack.as(OWNER, '/api/presets', {
    method: 'POST',
    body: presetBody(b, { groupBy: 'services' }),
  });
  expect(saved.status).toBe(201);
  const { id } = presetResponseSchema.parse(await saved.json());
  expect((await stack.as(PAULA, `/api/presets/${id}`)).status).toBe(200);
  return id;
}

/** A replica with warming on, today's runs due, and `access` as the config file's rules. */
async function warmWith(access: unknown) {
  const file = path.join(dataDir, `config-${Math.random().toString(36).slice(2)}.json`);
  const config = JSON.parse(readFileSync(stack.configFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...config, access }));
  const replica = await startBff({
    simulatorUrl: stack.simulator.url,
    env: {
      ATLAS_CLIENT_ID: '',
      ATLAS_CLIENT_SECRET: '',
      CONFIG_FILE: file,
      PAYING_SA_SECRET: SA_SECRET_CANARY,
      AUTH_MODE: 'trusted-proxy',
      TRUSTED_PROXIES: '127.0.0.1, ::1',
      DATA_DIR: dataDir,
      WARM_PRESETS_OPENED_WITHIN_DAYS: '7',
      WARM_AT_UTC_HOUR: '0',
      WARM_CHECK_MS: '50',
      WARM_YIELD_MS: '10',
    },
  });
  await expect.poll(() => replica.logs(), { timeout: 15_000 }).toContain('"msg":"warmed presets"');
  await replica.close();
  return replica.logs();
}

it('warms as the opener, naming only the organizations they may see', async () => {
  const { a, b } = stack.orgs;
  // A preset about the paying org A and org B: Paula may not open it, so nothing is noted.
  const other = await stack.as(OWNER, '/api/presets', {
    method: 'POST',
    body: presetBody(a, { filters: { organizations: [a, b] } }),
  });
  const { id: otherId } = presetResponseSchema.parse(await other.json());
  expect((await stack.as(PAULA, `/api/presets/${otherId}`)).status).toBe(404);
  await paulaOpensHerPreset();

  stack.simulator.clearRequests();
  const logs = await warmWith({ users: { [OWNER]: '*', [PAULA]: [b] }, groups: {} });
  expect(logs).toContain('"warmed":1');
  const creates = upstreamCalls(stack.simulator, 'createUsage');
  expect(
    creates.map((r) => (JSON.parse(r.body) as { organizations: string[] }).organizations),
  ).toEqual([[b]]);
  expect(creates.every((r) => !r.path.includes(a))).toBe(true);
});

it('warms nothing for a viewer whose grant was revoked since they opened the preset', async () => {
  await paulaOpensHerPreset();
  stack.simulator.clearRequests();
  const logs = await warmWith({ users: { [OWNER]: '*' }, groups: {} });
  expect(logs).toContain('"warmed":0');
  expect(logs).toContain('preset not warmed');
  expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(0);
});

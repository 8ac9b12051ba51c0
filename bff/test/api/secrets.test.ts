import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedMonths } from '../support/queries';
import { startStack, waitForQuery, type Stack } from '../support/stack';

const CANARY = {
  clientId: 'mdb_sa_id_canary0000000000000001',
  clientSecret: 'CANARY-sa-secret-5e1f0c9a7b',
  publicKey: 'canarypub',
  privateKey: 'CANARY-private-key-3d8e2a61',
};
const body = JSON.stringify(closedMonths(1));

/** Drives every route, including failures, and returns every byte the browser could see. */
async function exercise(stack: Stack): Promise<string> {
  const seen: string[] = [];
  const record = async (res: Response) => {
    seen.push(JSON.stringify([...res.headers.entries()]), await res.text());
  };
  const orgsRes = await stack.api('/api/orgs');
  const orgs = (await orgsRes.clone().json()) as { items: Array<{ id: string }> };
  await record(orgsRes);
  const orgId = orgs.items[0]!.id;
  await record(await stack.api(`/api/orgs/${orgId}/projects`));
  await record(await stack.api(`/api/orgs/${orgId}/clusters`));
  await record(await stack.api('/api/meta'));
  const created = await stack.api(`/api/orgs/${orgId}/cost-queries`, { method: 'POST', body });
  const { id } = (await created.clone().json()) as { id: string };
  await record(created);
  seen.push(JSON.stringify(await waitForQuery(stack, orgId, id)));
  // `refresh`: the query above is in the result cache now; these must reach (failing) Atlas.
  for (const status of [401, 403, 500]) {
    stack.simulator.faults.add({
      route: 'createUsage',
      action: { kind: 'status', status },
      times: 'always',
    });
    await record(
      await stack.api(`/api/orgs/${orgId}/cost-queries?refresh=true`, { method: 'POST', body }),
    );
    stack.simulator.faults.clear();
  }
  stack.simulator.faults.add({
    route: 'oauthToken',
    action: { kind: 'status', status: 500 },
    times: 'always',
  });
  await record(
    await stack.api(`/api/orgs/${orgId}/cost-queries?refresh=true`, { method: 'POST', body }),
  );
  stack.simulator.faults.clear();
  return seen.join('\n');
}

/** Bearer tokens and Digest responses the BFF actually sent upstream are secrets too. */
function upstreamSecrets(stack: Stack): string[] {
  return stack.simulator.requests
    .map((r) => r.headers.authorization ?? '')
    .filter(Boolean)
    .flatMap((h) => {
      const bearer = /^Bearer (.+)$/.exec(h)?.[1];
      const digest = /response="([0-9a-f]+)"/.exec(h)?.[1];
      return [bearer, digest].filter((v): v is string => Boolean(v));
    });
}

describe('no Atlas secret leaves the BFF', () => {
  let serviceAccount: Stack;
  let apiKey: Stack;

  beforeAll(async () => {
    serviceAccount = await startStack({ credentials: CANARY });
    apiKey = await startStack({
      credentials: CANARY,
      env: {
        ATLAS_CLIENT_ID: '',
        ATLAS_CLIENT_SECRET: '',
        ATLAS_PUBLIC_KEY: CANARY.publicKey,
        ATLAS_PRIVATE_KEY: CANARY.privateKey,
      },
    });
  });
  afterAll(async () => {
    await serviceAccount.close();
    await apiKey.close();
  });

  it.each([
    ['a service account', () => serviceAccount],
    ['an API key (Digest)', () => apiKey],
  ])('with %s: no canary in any API response or in the logs', async (_name, get) => {
    const stack = get();
    const responses = await exercise(stack);
    const secrets = [CANARY.clientSecret, CANARY.privateKey, ...upstreamSecrets(stack)];
    expect(secrets.length).toBeGreaterThan(2);
    const logs = stack.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(responses).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/authorization/i);
  });
});

describe('the built web bundle', () => {
  it('contains no canary secret even when they are set at build time', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'ace-bundle-'));
    const saved = { ...process.env };
    Object.assign(process.env, {
      ATLAS_CLIENT_SECRET: CANARY.clientSecret,
      ATLAS_PRIVATE_KEY: CANARY.privateKey,
    });
    try {
      await build({
        configFile: fileURLToPath(new URL('../../../vite.config.ts', import.meta.url)),
        build: { outDir, emptyOutDir: true },
        logLevel: 'silent',
      });
      const files = listFiles(outDir);
      expect(files.some((f) => f.endsWith('.js'))).toBe(true);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        expect(text).not.toContain(CANARY.clientSecret);
        expect(text).not.toContain(CANARY.privateKey);
      }
    } finally {
      process.env = saved;
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

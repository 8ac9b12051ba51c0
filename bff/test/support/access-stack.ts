import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConfigFile } from '../../src/config-file';
import { createSimulator, DEMO_CREDENTIALS, type Simulator } from '../../src/simulator';
import { startBff, type Bff } from './stack';

/** Canary secrets: they must reach the simulator and nothing else (responses, logs). */
export const SA_SECRET_CANARY = 'mdb_sa_sk_CANARY-conn-secret-5e7d1c';
export const DIGEST_KEY_CANARY = 'c4a2a7e1-0b5d-4c7e-9a11-CANARY00key1';

export interface AccessStack {
  simulator: Simulator;
  bff: Bff;
  /** Paying org A, its linked org B (same service account), org C (its own API key). */
  orgs: { a: string; b: string; c: string };
  configFile: string;
  /** A request as `email` (and groups) would arrive through the sign-in proxy. */
  as(
    email: string | undefined,
    pathname: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string>; groups?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A BFF in `trusted-proxy` mode with two Atlas connections (a service account serving the paying
 * org and its first linked org; an API key serving the second linked org) against one simulator
 * that accepts both credentials, and the given access rules.
 */
export async function startAccessStack(
  options: {
    /** Rules, given the orgs' ids (they come from the simulator's dataset). */
    access?: (orgs: { a: string; b: string; c: string }) => ConfigFile['access'];
    env?: Record<string, string>;
  } = {},
): Promise<AccessStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ace-access-'));
  const simulator = createSimulator({
    processingMs: 30,
    credentials: {
      ...DEMO_CREDENTIALS,
      clientSecret: SA_SECRET_CANARY,
      privateKey: DIGEST_KEY_CANARY,
    },
  });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  const [a, b, c] = simulator.dataset.orgs.map((o) => o.id);
  if (!a || !b || !c) throw new Error('the simulator needs three organizations');
  const keyFile = path.join(dir, 'digest-private-key');
  writeFileSync(keyFile, `${DIGEST_KEY_CANARY}\n`, { mode: 0o600 });
  const config: ConfigFile = {
    connections: [
      {
        name: 'paying',
        auth: 'service-account',
        clientId: DEMO_CREDENTIALS.clientId,
        clientSecret: { env: 'PAYING_SA_SECRET' },
        orgIds: [a, b],
      },
      {
        name: 'linked-key',
        auth: 'api-key',
        publicKey: DEMO_CREDENTIALS.publicKey,
        privateKey: { file: keyFile },
        orgIds: [c],
      },
    ],
    access: options.access?.({ a, b, c }) ?? { users: {}, groups: {} },
  };
  const configFile = path.join(dir, 'ace-config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const bff = await startBff({
    simulatorUrl,
    env: {
      // The connections come from the file, so the single-credential variables stay unset.
      ATLAS_CLIENT_ID: '',
      ATLAS_CLIENT_SECRET: '',
      CONFIG_FILE: configFile,
      PAYING_SA_SECRET: SA_SECRET_CANARY,
      AUTH_MODE: 'trusted-proxy',
      TRUSTED_PROXIES: '127.0.0.1, ::1',
      ...options.env,
    },
  });
  return {
    simulator,
    bff,
    orgs: { a, b, c },
    configFile,
    as(email, pathname, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (email !== undefined) headers['X-Forwarded-Email'] = email;
      if (init.groups !== undefined) headers['X-Forwarded-Groups'] = init.groups;
      return bff.api(pathname, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    },
    async close() {
      await bff.close();
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

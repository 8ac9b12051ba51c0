import { afterEach } from 'vitest';
import { createSimulator, DEMO_CREDENTIALS } from '../../simulator';
import type { Simulator, SimulatorOptions } from '../../simulator';
import { createAtlasClient } from '../client';
import type { AtlasClient, AtlasClientOptions } from '../types';

/**
 * Test wiring: a real simulator on a loopback port and a client whose log and response
 * metadata are recorded. The client makes one attempt per call (retries are the services').
 */
export interface TestClient {
  client: AtlasClient;
  logs: { level: 'debug' | 'warn'; obj: object; msg?: string }[];
  meta: { status: number; rateLimitLimit?: number; rateLimitRemaining?: number }[];
}

export type Scheme = 'service-account' | 'api-key';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = createSimulator({ rateLimit: false, ...options });
  await sim.listen(0, '127.0.0.1');
  return sim;
}

export function clientFor(
  sim: Simulator,
  scheme: Scheme = 'service-account',
  overrides: Partial<AtlasClientOptions> = {},
): TestClient {
  const logs: TestClient['logs'] = [];
  const meta: TestClient['meta'] = [];
  const credentials: AtlasClientOptions['credentials'] =
    scheme === 'service-account'
      ? {
          kind: 'service-account',
          clientId: DEMO_CREDENTIALS.clientId,
          clientSecret: DEMO_CREDENTIALS.clientSecret,
        }
      : {
          kind: 'api-key',
          publicKey: DEMO_CREDENTIALS.publicKey,
          privateKey: DEMO_CREDENTIALS.privateKey,
        };
  const client = createAtlasClient({
    baseUrl: sim.url,
    credentials,
    timeoutMs: 2_000,
    processingGraceMs: 100,
    userAgent: 'atlas-cost-explorer-bff/test',
    logger: {
      debug: (obj, msg) => logs.push({ level: 'debug', obj, msg }),
      warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    },
    onResponseMeta: (m) => meta.push(m),
    ...overrides,
  });
  return { client, logs, meta };
}

/** Requests the simulator saw for one route (the token endpoint and 401 challenges apart). */
export function callsTo(sim: Simulator, route: string) {
  return sim.requests.filter((r) => r.route === route);
}

/** A one-month query inside the simulator's history: the month before its anchor month. */
export function lastMonthFilter(sim: Simulator) {
  const [year, month] = sim.dataset.anchorMonth.split('-').map(Number) as [number, number];
  const prev =
    month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  return { startDate: prev, endDate: sim.dataset.anchorMonth };
}

export function firstOrgId(sim: Simulator): string {
  const org = sim.dataset.orgs[0];
  if (!org) throw new Error('simulator dataset has no organization');
  return org.id;
}

/** One simulator per test, closed after it: returns the function a test calls to start it. */
export function simulatorPerTest(): (options?: SimulatorOptions) => Promise<Simulator> {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  return async (options = {}) => {
    sim = await startSimulator(options);
    return sim;
  };
}

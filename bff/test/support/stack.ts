import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { JobHooks } from '../../src/services/cost-queries/job-runner';
import { startServer, type RunningServer } from '../../src/server';
import {
  createSimulator,
  DEMO_CREDENTIALS,
  type Simulator,
  type SimulatorOptions,
} from '../../src/simulator';
import { decodeUsageRows, usageRowsSchema } from '../../src/contract';
import { firstOrgId } from './queries';

export interface Bff {
  bff: RunningServer;
  /** Everything the BFF logged, as text. */
  logs(): string;
  api(path: string, init?: RequestInit & { csrf?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export interface Stack extends Bff {
  simulator: Simulator;
}

/** Timings for tests: milliseconds instead of seconds, so nothing waits for long. */
const TEST_TIMINGS = {
  ATLAS_TIMEOUT_MS: '1000',
  ATLAS_PROCESSING_GRACE_MS: '100',
  ATLAS_RETRY_BASE_MS: '5',
  ATLAS_RETRY_MAX_MS: '20',
  POLL_INITIAL_MS: '10',
  POLL_MAX_MS: '40',
  POLL_FIRST_MS: '10',
  POLL_DENSE_MS: '10',
  POLL_DENSE_FOR_MS: '0',
  JOB_SWEEP_MS: '50',
  // No background warming unless a test asks for it: its Atlas calls would count in others'.
  WARM_PRESETS_OPENED_WITHIN_DAYS: '0',
  // Renewed every third of it: long enough that a busy test machine never lets one lapse.
  JOB_LEASE_MS: '1000',
  // Tests make hundreds of queries as one user; the limit's own tests set theirs.
  USER_QUERY_LIMIT: '100000',
};

/**
 * A real BFF on port 0 talking to `simulatorUrl` as if it were Atlas (credentials set). Several
 * may share one simulator and one store (same DATA_DIR, or DATABASE_URL) to act as replicas or
 * as the same server before and after a restart.
 */
export async function startBff(options: {
  simulatorUrl: string;
  env?: Record<string, string>;
  credentials?: Partial<typeof DEMO_CREDENTIALS>;
  jobHooks?: JobHooks;
}): Promise<Bff> {
  const credentials = { ...DEMO_CREDENTIALS, ...options.credentials };
  let logText = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logText += chunk.toString('utf8');
      done();
    },
  });
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    ATLAS_BASE_URL: options.simulatorUrl,
    ATLAS_CLIENT_ID: credentials.clientId,
    ATLAS_CLIENT_SECRET: credentials.clientSecret,
    ...TEST_TIMINGS,
    // Each BFF gets its own SQLite file unless the test shares one, never the developer's ./data.
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ace-stack-')),
    ...options.env,
  });
  const bff = await startServer(config, {
    logger: createLogger({ level: 'trace', destination: sink }),
    ...(options.jobHooks && { jobHooks: options.jobHooks }),
  });
  return {
    bff,
    logs: () => logText,
    api(path, init = {}) {
      const { csrf = true, headers, ...rest } = init;
      return fetch(`${bff.url}${path}`, {
        ...rest,
        headers: {
          ...(csrf ? { 'X-CSRF': '1' } : {}),
          ...(rest.body ? { 'Content-Type': 'application/json' } : {}),
          ...(headers as Record<string, string> | undefined),
        },
      });
    },
    close: () => bff.close(),
  };
}

export interface StackOptions {
  env?: Record<string, string>;
  simulator?: SimulatorOptions;
  credentials?: Partial<typeof DEMO_CREDENTIALS>;
  jobHooks?: JobHooks;
}

/** A real BFF on port 0 and its own real simulator on port 0, configured like production. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const credentials = { ...DEMO_CREDENTIALS, ...options.credentials };
  const simulator = createSimulator({ processingMs: 30, credentials, ...options.simulator });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  const bff = await startBff({
    simulatorUrl,
    credentials,
    ...(options.env && { env: options.env }),
    ...(options.jobHooks && { jobHooks: options.jobHooks }),
  });
  return {
    ...bff,
    simulator,
    async close() {
      await bff.close();
      await simulator.close();
    },
  };
}

/** Polls the BFF (as the page does) until the query leaves "processing". */
export async function waitForQuery(
  stack: Pick<Bff, 'api'>,
  orgId: string,
  id: string,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i++) {
    const res = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}`);
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status !== 'processing') return body;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('query never finished');
}

/**
 * waitForQuery, and for a finished query its rows as well, asked of `GET …/rows` by the same
 * viewer and decoded (contract `decodeUsageRows`): the answer gains `result.usageDetails`, the
 * rows in order, so tests can look at what the rows contain.
 */
export async function waitForRows(
  stack: Pick<Bff, 'api'>,
  orgId: string,
  id: string,
): Promise<Record<string, unknown>> {
  const state = await waitForQuery(stack, orgId, id);
  if (state.status !== 'done') return state;
  const res = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}/rows`);
  if (res.status !== 200) throw new Error(`rows: HTTP ${res.status}`);
  const decoded = decodeUsageRows(usageRowsSchema.parse(await res.json()));
  if ('problem' in decoded) throw new Error(`rows: ${decoded.problem}`);
  const result = state.result as Record<string, unknown>;
  return { ...state, result: { ...result, usageDetails: decoded.rows } };
}

/**
 * One stack for the test file, started before its tests and closed after them, with the first
 * organization the BFF lists. Each test starts with no simulator faults armed and no requests
 * recorded, so it sees only the calls it caused.
 */
export function faultFreeStackPerFile(
  options: StackOptions = {},
): () => { stack: Stack; orgId: string } {
  let started: { stack: Stack; orgId: string } | undefined;
  beforeAll(async () => {
    const stack = await startStack(options);
    started = { stack, orgId: await firstOrgId(stack) };
  });
  afterAll(async () => {
    await started?.stack.close();
  });
  beforeEach(() => {
    started?.stack.simulator.faults.clear();
    started?.stack.simulator.clearRequests();
  });
  return () => {
    if (!started) throw new Error('the stack starts in beforeAll: read it inside a test');
    return started;
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import {
  createSimulator,
  DEMO_CREDENTIALS,
  type Simulator,
  type SimulatorOptions,
} from '../../src/simulator';

export interface Stack {
  bff: RunningServer;
  simulator: Simulator;
  /** Everything the BFF logged, as text. */
  logs(): string;
  api(path: string, init?: RequestInit & { csrf?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A real BFF on port 0 talking over real HTTP to a real simulator on port 0, configured the way
 * production is (credentials set, so the BFF treats the simulator as Atlas).
 */
export async function startStack(
  options: {
    env?: Record<string, string>;
    simulator?: SimulatorOptions;
    credentials?: Partial<typeof DEMO_CREDENTIALS>;
  } = {},
): Promise<Stack> {
  const credentials = { ...DEMO_CREDENTIALS, ...options.credentials };
  const simulator = createSimulator({ processingMs: 30, credentials, ...options.simulator });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
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
    ATLAS_BASE_URL: simulatorUrl,
    ATLAS_CLIENT_ID: credentials.clientId,
    ATLAS_CLIENT_SECRET: credentials.clientSecret,
    ATLAS_TIMEOUT_MS: '1000',
    ATLAS_PROCESSING_GRACE_MS: '100',
    ATLAS_RETRY_BASE_MS: '5',
    ATLAS_RETRY_MAX_MS: '20',
    POLL_INITIAL_MS: '10',
    POLL_MAX_MS: '40',
    // Each stack gets its own SQLite file, never the developer's ./data.
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ace-stack-')),
    ...options.env,
  });
  const bff = await startServer(config, {
    logger: createLogger({ level: 'trace', destination: sink }),
  });
  return {
    bff,
    simulator,
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
    async close() {
      await bff.close();
      await simulator.close();
    },
  };
}

/** Polls the BFF (as the page does) until the query leaves "processing". */
export async function waitForQuery(
  stack: Stack,
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

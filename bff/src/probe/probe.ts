import { setTimeout as sleep } from 'node:timers/promises';
import {
  AtlasApiError,
  AtlasAuthError,
  AtlasError,
  createAtlasClient,
  type AtlasClient,
  type AtlasCostExplorerFilter,
  type Shape,
  type WireLog,
} from '../atlas';
import type { AtlasConnection, Config } from '../config';
import { ATLAS_SERVICES, currentMonthStart, monthFromIndex, monthIndex } from '../contract';
import { createSimulator, DEMO_CREDENTIALS, type SimulatorOptions } from '../simulator';
import { createProbeRecorder, type ProbeExchange } from './probe-recorder';
import { summarise, type QueryReport } from './probe-summary';

/**
 * `pnpm atlas:probe`: the smallest Cost Explorer conversation that tells us how a real account's
 * Atlas answers (research §2.2, docs/atlas-wire.md): list the organizations, then one query per
 * group-by over the last closed month, and the plain one again with `?envelope=true`. One call
 * at a time, polls backing off, stopping at the first 429 that asks for a long wait. What it
 * keeps is the wire recorder's shapes: never an amount, name, id, token or secret.
 */

export const GROUP_BYS = ['none', 'organizations', 'projects', 'clusters', 'services'] as const;
type Step = (typeof GROUP_BYS)[number] | 'envelope';

export interface ProbeOptions {
  config: Config;
  /** `--org`: otherwise the first organization the credentials see. */
  orgId?: string;
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** Per query: still processing after this long is reported as such. */
  queryDeadlineMs?: number;
  /** A 429 asking to wait up to this long is waited for once; a longer one stops the probe. */
  maxRetryAfterMs?: number;
  /** Stop when Atlas says this few calls are left in the bucket. */
  minRemaining?: number;
  now?: () => Date;
  progress?: (text: string) => void;
  /** Also given every raw exchange (tests check the report against what Atlas really sent). */
  tap?: WireLog;
}

export interface ProbeReport {
  tool: 'atlas-probe';
  version: 1;
  target: 'atlas' | 'simulator';
  simulatorProfile?: string;
  auth: 'service-account' | 'api-key';
  /** The one closed month queried (first day, and Atlas's exclusive end). */
  month: { startDate: string; endDate: string };
  organizationsVisible?: number;
  organizationChosen?: 'first listed' | '--org';
  queries: QueryReport[];
  rateLimit: { limits: number[]; lowestRemaining?: number; retryAfter: string[] };
  /** Why the probe stopped early, if it did. */
  stopped?: string;
  exchanges: ProbeExchange[];
}

class Stop extends Error {}

/** The probe's Atlas: the first configured connection, or a simulator of our own. */
async function target(config: Config) {
  const connection = config.connections?.[0];
  if (connection) return { connection, close: async () => {}, simulatorProfile: undefined };
  // SIMULATOR_PROFILE picks which of Atlas's unknowns the simulator answers, and how.
  const { profile } = config.simulator;
  const options: SimulatorOptions = {
    processingMs: config.simulator.processingMs,
    scale: config.simulator.scale,
    // Atlas's Invoices bucket, so the rate-limit headers show up as they would.
    rateLimit: { capacity: 500, refillPerMinute: 100 },
    profile,
  };
  const simulator = createSimulator(options);
  const baseUrl = await simulator.listen(0, '127.0.0.1');
  const simulated: AtlasConnection = {
    name: 'simulator',
    baseUrl,
    credentials: {
      kind: 'service-account',
      clientId: DEMO_CREDENTIALS.clientId,
      clientSecret: DEMO_CREDENTIALS.clientSecret,
    },
    orgIds: undefined,
  };
  return {
    connection: simulated,
    close: () => simulator.close(),
    simulatorProfile: profile,
  };
}

export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const { config } = options;
  // The first poll comes soon, so a quick query still shows how Atlas says "processing".
  const pollInitialMs = options.pollInitialMs ?? 500;
  const pollMaxMs = options.pollMaxMs ?? 10_000;
  const deadlineMs = options.queryDeadlineMs ?? 180_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const minRemaining = options.minRemaining ?? 5;
  const progress = options.progress ?? (() => {});
  const thisMonth = monthIndex(currentMonthStart((options.now ?? (() => new Date()))()));
  const month = { startDate: monthFromIndex(thisMonth - 1), endDate: monthFromIndex(thisMonth) };

  const { connection, close, simulatorProfile } = await target(config);
  const recorder = createProbeRecorder();
  const client: AtlasClient = createAtlasClient({
    baseUrl: connection.baseUrl,
    credentials: connection.credentials,
    timeoutMs: config.atlasHttp.timeoutMs,
    processingGraceMs: config.atlasHttp.processingGraceMs,
    userAgent: 'atlas-cost-explorer-probe/0.1',
    wireLog: {
      record(exchange) {
        recorder.record(exchange);
        options.tap?.record(exchange);
      },
    },
  });
  const report: ProbeReport = {
    tool: 'atlas-probe',
    version: 1,
    target: simulatorProfile ? 'simulator' : 'atlas',
    ...(simulatorProfile && { simulatorProfile }),
    auth: connection.credentials.kind,
    month,
    queries: [],
    rateLimit: { limits: [], retryAfter: [] },
    exchanges: recorder.exchanges,
  };

  /** One call, waiting out one short 429; a long 429, refused credentials or an empty bucket stop. */
  async function call<T>(step: string, run: () => Promise<T>): Promise<T> {
    recorder.step = step;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await run();
        checkBucket();
        return result;
      } catch (err) {
        if (err instanceof AtlasApiError && err.status === 429) {
          const wait = err.retryAfterMs;
          if (attempt === 0 && wait !== undefined && wait <= maxRetryAfterMs) {
            progress(`Atlas asked to wait ${Math.ceil(wait / 1000)} s (429); waiting once.`);
            await sleep(wait);
            continue;
          }
          throw new Stop(
            `Atlas answered 429 (rate limited) during ${step}${
              wait === undefined ? '' : `, Retry-After ${Math.ceil(wait / 1000)} s`
            }. The probe stopped instead of retrying; run it again later.`,
          );
        }
        if (
          err instanceof AtlasAuthError ||
          (err instanceof AtlasApiError && [401, 403].includes(err.status))
        ) {
          throw new Stop(`Atlas refused the credentials during ${step} (${statusOf(err)}).`);
        }
        checkBucket();
        throw err;
      }
    }
  }
  function checkBucket() {
    const remaining = recorder.exchanges.at(-1)?.response?.headers.values?.['ratelimit-remaining'];
    if (remaining !== undefined && Number(remaining) <= minRemaining) {
      throw new Stop(`RateLimit-Remaining fell to ${remaining}; the probe stopped to leave room.`);
    }
  }

  try {
    const orgs = await call('orgs', () => client.listOrgs());
    report.organizationsVisible = orgs.length;
    report.organizationChosen = options.orgId ? '--org' : 'first listed';
    const orgId = options.orgId ?? orgs[0]?.id;
    if (!orgId) throw new Stop('The credentials see no organization.');
    progress(`Probing one organization over ${month.startDate.slice(0, 7)}.`);
    const projects = await call('projects', () => client.listProjects(orgId));
    const clusters: string[] = [];
    // Up to three projects' clusters: enough ids to group by without listing a whole org.
    for (const project of projects.slice(0, 3)) {
      if (clusters.length > 0) break;
      const list = await call('clusters', () =>
        client.listClusters(project.id, { includeDeleted: true }),
      );
      clusters.push(...list.slice(0, 20).map((c) => c.id));
    }
    const base: AtlasCostExplorerFilter = { ...month, organizations: [orgId] };
    const filters: Record<Step, AtlasCostExplorerFilter | undefined> = {
      none: base,
      organizations: { ...base, groupBy: 'organizations' },
      projects:
        projects.length > 0
          ? { ...base, projects: projects.slice(0, 20).map((p) => p.id), groupBy: 'projects' }
          : undefined,
      clusters: clusters.length > 0 ? { ...base, clusters, groupBy: 'clusters' } : undefined,
      services: { ...base, services: [...ATLAS_SERVICES], groupBy: 'services' },
      envelope: base,
    };
    for (const step of [...GROUP_BYS, 'envelope'] as const) {
      const filter = filters[step];
      const name = step === 'envelope' ? 'none, ?envelope=true' : step;
      if (!filter) {
        report.queries.push({
          groupBy: name,
          outcome: 'skipped: nothing to group by',
          polls: 0,
          signals: [],
          ms: 0,
        });
        continue;
      }
      progress(`Query ${report.queries.length + 1}/6: group by ${name}`);
      report.queries.push(await query(step, name, orgId, filter));
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    report.stopped = err.message;
  } finally {
    await close();
  }
  report.rateLimit = rateLimitSeen(recorder.exchanges);
  return report;

  async function query(step: Step, name: string, orgId: string, filter: AtlasCostExplorerFilter) {
    const envelope = step === 'envelope';
    const label = `query:${envelope ? 'envelope' : step}`;
    const started = Date.now();
    const first = recorder.exchanges.length;
    let polls = 0;
    let outcome = 'done';
    let error: QueryReport['error'];
    try {
      const { token } = await call(label, () =>
        client.createUsageQuery(orgId, filter, { envelope }),
      );
      for (let wait = pollInitialMs; ; wait = Math.min(wait * 2, pollMaxMs)) {
        if (Date.now() - started > deadlineMs) {
          outcome = `still processing after ${Math.round(deadlineMs / 1000)} s`;
          break;
        }
        await sleep(wait);
        polls += 1;
        const result = await call(label, () => client.getUsageQuery(orgId, token, { envelope }));
        if (result.status === 'done') break;
      }
    } catch (err) {
      if (err instanceof Stop || !(err instanceof AtlasError)) throw err;
      outcome = 'error';
      error = errorOf(err);
    }
    return summarise({
      groupBy: name,
      outcome,
      polls,
      ms: Date.now() - started,
      exchanges: recorder.exchanges.slice(first),
      ...(error && { error }),
    });
  }
}

function statusOf(err: unknown): string {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' ? `HTTP ${status}` : (err as Error).name;
}

function errorOf(err: AtlasError): QueryReport['error'] {
  const { status, errorCode } = err as { status?: unknown; errorCode?: unknown };
  return {
    kind: err.name,
    ...(typeof status === 'number' && { status }),
    ...(typeof errorCode === 'string' && /^[A-Z][A-Z_]{0,63}$/.test(errorCode) && { errorCode }),
  };
}

function rateLimitSeen(exchanges: ProbeExchange[]): ProbeReport['rateLimit'] {
  const limits = new Set<number>();
  const retryAfter = new Set<string>();
  let lowest: number | undefined;
  for (const e of exchanges) {
    for (const values of [
      e.response?.headers.values,
      ...(e.interim ?? []).map((i) => i.headers.values),
    ]) {
      if (!values) continue;
      if (values['ratelimit-limit']) limits.add(Number(values['ratelimit-limit']));
      const remaining = values['ratelimit-remaining'];
      if (remaining) lowest = Math.min(lowest ?? Infinity, Number(remaining));
      if (values['retry-after']) retryAfter.add(values['retry-after']);
    }
  }
  return {
    limits: [...limits].sort((a, b) => a - b),
    ...(lowest !== undefined && { lowestRemaining: lowest }),
    retryAfter: [...retryAfter],
  };
}

export type { Shape };

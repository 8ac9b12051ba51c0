// The network boundary for component tests: a small fake of the BFF answering the contract's
// shapes, installed as the global `fetch`. Every answer is parsed by the same contract schemas
// the app uses, so a fake that drifts from the contract fails loudly.
import {
  ATLAS_SERVICES,
  dashboardQuerySchema,
  encodeUsageRows,
  resolvePeriod,
  retentionWindow,
  type DashboardQuery,
  type KeptHistory,
  type KeptMonth,
  type Problem,
  type UsageRow,
} from '@ace/bff/contract';
import { vi } from 'vitest';
import { usageResult } from './cost-query-answers';

export const ORG_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
export const PROJECTS = [
  { id: 'bbbbbbbbbbbbbbbbbbbbbbb1', name: 'Shop', orgId: ORG_ID },
  { id: 'bbbbbbbbbbbbbbbbbbbbbbb2', name: 'Ads', orgId: ORG_ID },
];
export const CLUSTERS = [
  { id: 'ccccccccccccccccccccccc1', name: 'shop-prod', projectId: PROJECTS[0]!.id },
  { id: 'ccccccccccccccccccccccc2', name: 'shop-dev', projectId: PROJECTS[0]!.id },
  { id: 'ccccccccccccccccccccccc3', name: 'ads-prod', projectId: PROJECTS[1]!.id },
];

/** Two projects over February and March 2025, so a pivot has rows and a comparison. */
export const TWO_PROJECTS_USAGE: UsageRow[] = (
  [
    ['2025-02-01', 1000, PROJECTS[0]!.id, 'Shop'],
    ['2025-03-01', 1250, PROJECTS[0]!.id, 'Shop'],
    ['2025-02-01', 500, PROJECTS[1]!.id, 'Ads'],
    ['2025-03-01', 300, PROJECTS[1]!.id, 'Ads'],
  ] as const
).map(([usageDate, usageAmountCents, projectId, projectName]) => ({
  usageDate,
  usageAmountCents,
  projectId,
  projectName,
}));

/** Listed only with `includeDeleted=true`, flagged, as the BFF does. */
export const DELETED_CLUSTER = {
  id: 'ccccccccccccccccccccccc9',
  name: 'shop-old',
  projectId: PROJECTS[0]!.id,
  deleted: true,
};

export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeApiOptions {
  now?: string;
  dataSource?: 'simulator' | 'atlas';
  projects?: typeof PROJECTS;
  /** Answer for GET /projects: a problem makes it fail. */
  projectsProblem?: Problem;
  /** How many GETs answer "processing" before the query is done. */
  processingPolls?: number;
  /** The same, per question (e.g. only a drill-down step keeps processing). */
  processingPollsFor?: (query: DashboardQuery) => number;
  usage?: UsageRow[];
  /** Answers for successive POSTs, in order; when used up, POSTs succeed. */
  createProblems?: Problem[];
  /**
   * How long a long poll (`?wait=`) on a processing query is held, as the BFF holds it until the
   * query changes (default 1 s; never longer than the poll's own wait).
   */
  longPollHoldMs?: number;
  /** Make the finished query a failure instead. */
  failure?: { title: string; detail: string; status: number };
  /** The same, per question (asked when the query finishes). */
  failureFor?: (query: DashboardQuery) => FakeApiOptions['failure'];
  /** GET /orgs/:orgId/history: what the BFF kept (default: nothing past Atlas's 18 months). */
  history?: Partial<KeptHistory>;
  /** Makes GET /orgs/:orgId/history fail with this problem. */
  historyProblem?: Problem;
  /** Months a finished query answers from the dashboard's history (`result.history`). */
  keptMonths?: KeptMonth[];
  /** More endpoints (e.g. fake-presets.ts): answers first, `undefined` to pass. */
  extra?: (request: FakeRequest) => Response | undefined;
}

export interface FakeRequest {
  method: string;
  url: URL;
  body: unknown;
  headers: Record<string, string>;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const problem = (p: Problem) =>
  new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

export function installFakeApi(options: FakeApiOptions = {}) {
  const calls: RecordedCall[] = [];
  const createProblems = [...(options.createProblems ?? [])];
  const queries = new Map<string, { query: DashboardQuery; polls: number; createdAt: number }>();
  let nextId = 1;

  const handle = (method: string, url: URL, body: unknown): Response => {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/meta') {
      return json({
        dataSource: options.dataSource ?? 'simulator',
        now: options.now ?? new Date().toISOString(),
        retentionMonths: 18,
      });
    }
    if (method === 'GET' && path === '/api/orgs') {
      return json({ items: [{ id: ORG_ID, name: 'Acme' }] });
    }
    if (method === 'GET' && path === `/api/orgs/${ORG_ID}/projects`) {
      if (options.projectsProblem) return problem(options.projectsProblem);
      return json({ items: options.projects ?? PROJECTS });
    }
    if (method === 'GET' && path === `/api/orgs/${ORG_ID}/clusters`) {
      const wanted = url.searchParams.get('projects')?.split(',') ?? [];
      const listed =
        url.searchParams.get('includeDeleted') === 'true'
          ? [...CLUSTERS, DELETED_CLUSTER]
          : CLUSTERS;
      const items = listed.filter((c) => wanted.length === 0 || wanted.includes(c.projectId));
      return json({ items });
    }
    if (method === 'GET' && path === `/api/orgs/${ORG_ID}/history`) {
      if (options.historyProblem) return problem(options.historyProblem);
      const atlasMonths = options.history?.atlasMonths ?? 18;
      const now = new Date(options.now ?? Date.now());
      return json({
        atlasMonths,
        atlasEarliestMonth: retentionWindow(now, atlasMonths).earliestStart,
        earliestKeptMonth: null,
        keepMonths: 60,
        ...options.history,
      });
    }
    if (method === 'GET' && path === '/api/services') {
      return json({ items: ATLAS_SERVICES.map((name) => ({ id: name, name })) });
    }
    if (method === 'POST' && path === `/api/orgs/${ORG_ID}/cost-queries`) {
      const next = createProblems.shift();
      if (next) return problem(next);
      // The body is the dashboard question, as the BFF reads it (its org may come from the path).
      const parsed = dashboardQuerySchema.safeParse({ orgId: ORG_ID, ...(body as object) });
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({
          field: i.path.join('.'),
          message: i.message,
        }));
        return problem({ title: 'Invalid request', status: 400, errors });
      }
      const id = `query_${String(nextId++).padStart(22, '0')}`;
      queries.set(id, { query: parsed.data, polls: 0, createdAt: Date.now() });
      return json({ id, status: 'processing' }, 202, { Location: `${path}/${id}` });
    }
    const match = /^\/api\/orgs\/([^/]+)\/cost-queries\/([^/]+)$/.exec(path);
    const query = match && queries.get(match[2]!);
    if (match && query && method === 'DELETE') {
      queries.delete(match[2]!);
      return new Response(null, { status: 204 });
    }
    if (match && query && method === 'GET') {
      const base = {
        id: match[2],
        orgId: match[1],
        query: { ...query.query, view: {} },
        months: resolvePeriod(query.query.period, new Date(query.createdAt)),
        organizations: query.query.filters.organizations.length
          ? query.query.filters.organizations
          : [ORG_ID],
        createdAt: new Date(query.createdAt).toISOString(),
      };
      const processing = options.processingPollsFor?.(query.query) ?? options.processingPolls ?? 1;
      if (query.polls++ < processing) {
        const elapsedMs = Date.now() - query.createdAt;
        return json({ ...base, status: 'processing', elapsedMs }, 200, { 'Retry-After': '1' });
      }
      const failure = options.failureFor?.(query.query) ?? options.failure;
      if (failure) return json({ ...base, status: 'failed', error: failure });
      const usage = options.usage ?? [];
      return json({
        ...base,
        status: 'done',
        completedAt: new Date().toISOString(),
        result: {
          ...usageResult(usage, query.query.groupBy, base.months),
          ...(options.keptMonths ? { history: options.keptMonths } : {}),
        },
      });
    }
    // The rows of a finished query, in columns as the BFF sends them.
    const rowsOf = /^\/api\/orgs\/[^/]+\/cost-queries\/([^/]+)\/rows$/.exec(path);
    const finished = rowsOf && queries.get(rowsOf[1]!);
    if (finished && method === 'GET') {
      return json(encodeUsageRows(options.usage ?? []));
    }
    return problem({ title: 'Not Found', status: 404, detail: `${method} ${path}` });
  };

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const headers = Object.fromEntries(
      [...new Headers(init.headers).entries()].map(([name, value]) => [name.toLowerCase(), value]),
    );
    calls.push({ method, path: `${url.pathname}${url.search}`, headers, body });
    const answer = () =>
      options.extra?.({ method, url, body, headers }) ?? handle(method, url, body);
    const waitMs = Number(url.searchParams.get('wait') ?? 0) * 1000;
    const holdMs = Math.min(waitMs, options.longPollHoldMs ?? 1000);
    if (method !== 'GET' || holdMs <= 0) return answer();
    // A long poll, as the BFF answers it: a processing query that looks as it did in the last
    // answer is held (then answered as things are after the hold); a change is answered at once.
    const seen = await processingLook(peek({ method, url, body, headers }));
    if (seen !== undefined && seen === looks.get(url.pathname)) await held(holdMs, init.signal);
    const final = answer();
    looks.set(url.pathname, await processingLook(final));
    return final;
  });
  const looks = new Map<string, string | undefined>();

  /** Whether the next answer would be processing, without counting it as a poll. */
  const peek = (request: FakeRequest): Response => {
    const extra = options.extra?.(request);
    if (extra) return extra;
    const match = /^\/api\/orgs\/[^/]+\/cost-queries\/([^/]+)$/.exec(request.url.pathname);
    const query = match && queries.get(match[1]!);
    if (!query) return new Response(null, { status: 204 });
    const processing = options.processingPollsFor?.(query.query) ?? options.processingPolls ?? 1;
    return query.polls < processing
      ? json({ status: 'processing' })
      : new Response(null, { status: 204 });
  };
  vi.stubGlobal('fetch', fetchMock);

  return {
    calls,
    callsTo: (method: string, pathStart: string) =>
      calls.filter((c) => c.method === method && c.path.startsWith(pathStart)),
  };
}

/** What a browser sees of a processing answer (undefined for any other answer). */
async function processingLook(answer: Response): Promise<string | undefined> {
  if (!answer.ok || answer.status === 204) return undefined;
  const body = (await answer.clone().json()) as {
    status?: unknown;
    waitingUntil?: unknown;
    parts?: { done?: unknown };
  };
  return body.status === 'processing'
    ? `${String(body.waitingUntil)}|${String(body.parts?.done)}`
    : undefined;
}

/** Waits like a held poll: `ms`, or until the page aborts the request. */
function held(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    });
  });
}

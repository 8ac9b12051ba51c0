import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RawRequest, RawResponse, RawResult } from './http';
import { shapeOf, type Shape } from './wire-shape';

/**
 * The wire recorder's hook: every HTTP exchange with Atlas (token mints and Digest challenges
 * included) passes through `recordingSend`, which hands it to a `WireLog` raw. A recorder keeps
 * only what `describeExchange` gives: the path template, statuses, header names (values of a
 * few harmless headers), timings and body shapes; never a value, id, name, token or secret.
 */
export interface WireExchange {
  startedAt: number;
  ms: number;
  request: Pick<RawRequest, 'url' | 'method' | 'headers' | 'body'>;
  /** 1xx answers before the final one (a 102 Processing, typically). */
  interim: { status: number; headers: IncomingHttpHeaders }[];
  outcome:
    | { kind: 'response'; response: RawResponse }
    | { kind: 'processing'; how: 'closed' | 'held' }
    | { kind: 'error'; error: unknown };
}

export interface WireLog {
  /** Called once per exchange; must not throw (errors are swallowed) and must not block. */
  record(exchange: WireExchange): void;
}

export type Send = (req: RawRequest) => Promise<RawResult>;

/** One exchange as it may be written down or sent to us. */
export interface WireLine {
  time: string;
  method: string;
  /** The path with ids and the query token replaced: `/api/atlas/v2/orgs/{orgId}/groups`. */
  path: string;
  /** Query parameter names (values are not recorded). */
  query?: string[];
  /** Final status; 102 when Atlas answered only "processing" (see `processing`). */
  status?: number;
  interim?: { status: number; headers: HeaderRecord }[];
  /** After a 102: `closed` (the connection ended) or `held` (no final answer in the grace). */
  processing?: 'closed' | 'held';
  /** Error class and code (`AtlasNetworkError:ECONNRESET`), never a message. */
  error?: string;
  ms: number;
  request: { headers: HeaderRecord; body?: Shape };
  response?: { headers: HeaderRecord; body: Shape };
}

export interface HeaderRecord {
  names: string[];
  /** Values only of allow-listed headers, and only when they look as expected. */
  values?: Record<string, string>;
}

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w-]+=[\w.-]+)*$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** Values worth knowing and safe to share; Authorization, cookies and WWW-Authenticate never. */
function safeValue(name: string, value: string): boolean {
  if (name === 'content-type' || name === 'accept')
    return value.length <= 100 && MEDIA_TYPE.test(value);
  if (name === 'retry-after') return /^\d{1,6}$/.test(value) || HTTP_DATE.test(value);
  if (/^(x-)?ratelimit-/.test(name)) return /^\d{1,9}$/.test(value);
  return false;
}

function headerRecord(pairs: [string, string][]): HeaderRecord {
  const names = [...new Set(pairs.map(([name]) => name.toLowerCase()))].sort();
  const values: Record<string, string> = {};
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (values[name] === undefined && safeValue(name, value.trim())) values[name] = value.trim();
  }
  return Object.keys(values).length > 0 ? { names, values } : { names };
}

const fromIncoming = (headers: IncomingHttpHeaders): [string, string][] =>
  Object.entries(headers).flatMap(([name, value]) =>
    value === undefined
      ? []
      : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
  );

function fromRaw(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

/** Path words of the Atlas API we call; any other segment is a value and gets replaced. */
const PATH_WORDS = new Set([
  'api',
  'atlas',
  'v2',
  'oauth',
  'token',
  'revoke',
  'orgs',
  'groups',
  'clusters',
  'billing',
  'costExplorer',
  'usage',
  'invoices',
  'pending',
  'associatedInvoices',
  'rateLimits',
]);
const PARAM_AFTER: Record<string, string> = {
  orgs: '{orgId}',
  groups: '{groupId}',
  clusters: '{clusterName}',
  usage: '{token}',
  invoices: '{invoiceId}',
};

export function pathTemplate(pathname: string): string {
  const segments = pathname.split('/');
  return segments
    .map((segment, i) => {
      if (segment === '' || PATH_WORDS.has(segment)) return segment;
      return PARAM_AFTER[segments[i - 1] ?? ''] ?? '{value}';
    })
    .join('/');
}

function bodyShape(body: string | undefined, contentType: string | undefined): Shape | undefined {
  if (body === undefined) return undefined;
  if (body.trim() === '') return 'empty';
  if (contentType?.includes('x-www-form-urlencoded')) {
    return shapeOf(Object.fromEntries(new URLSearchParams(body)));
  }
  try {
    return shapeOf(JSON.parse(body));
  } catch {
    return `text(${Buffer.byteLength(body)} bytes)`;
  }
}

function errorLabel(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `${name}:${code}` : name;
}

/** The recordable summary of one exchange (see WireLine). */
export function describeExchange(exchange: WireExchange): WireLine {
  const { request, outcome } = exchange;
  const query = [...new Set(request.url.searchParams.keys())].sort();
  const line: WireLine = {
    time: new Date(exchange.startedAt).toISOString(),
    method: request.method,
    path: pathTemplate(request.url.pathname),
    ...(query.length > 0 && { query }),
    ms: exchange.ms,
    request: {
      headers: headerRecord(Object.entries(request.headers)),
      ...(request.body !== undefined && {
        body: bodyShape(request.body, request.headers['content-type']),
      }),
    },
  };
  if (exchange.interim.length > 0) {
    line.interim = exchange.interim.map((i) => ({
      status: i.status,
      headers: headerRecord(fromIncoming(i.headers)),
    }));
  }
  if (outcome.kind === 'response') {
    const { response } = outcome;
    line.status = response.status;
    const contentType = response.headers['content-type'];
    line.response = {
      headers: headerRecord(fromRaw(response.rawHeaders)),
      body: bodyShape(response.body, contentType) ?? 'empty',
    };
  } else if (outcome.kind === 'processing') {
    line.status = 102;
    line.processing = outcome.how;
  } else {
    line.error = errorLabel(outcome.error);
  }
  return line;
}

/** Wraps the raw sender so every exchange reaches `wireLog`; recording never fails a call. */
export function recordingSend(send: Send, wireLog: WireLog): Send {
  return async (req) => {
    const interim: WireExchange['interim'] = [];
    let how: 'closed' | 'held' = 'closed';
    const startedAt = Date.now();
    const started = performance.now();
    const emit = (outcome: WireExchange['outcome']) => {
      try {
        const ms = Math.round(performance.now() - started);
        const { url, method, headers, body } = req;
        wireLog.record({
          startedAt,
          ms,
          request: { url, method, headers, body },
          interim,
          outcome,
        });
      } catch {
        // A recorder's failure must not turn into an Atlas failure.
      }
    };
    const observed: RawRequest = {
      ...req,
      observer: {
        interim(status, headers) {
          interim.push({ status, headers });
          req.observer?.interim?.(status, headers);
        },
        processing(kind) {
          how = kind;
          req.observer?.processing?.(kind);
        },
      },
    };
    try {
      const result = await send(observed);
      emit(
        result.kind === 'response'
          ? { kind: 'response', response: result }
          : { kind: 'processing', how },
      );
      return result;
    } catch (error) {
      emit({ kind: 'error', error });
      throw error;
    }
  };
}

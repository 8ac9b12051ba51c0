import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiFailure } from './errors';
import type { RequestLogEntry, SimRoute } from './types';

export const ATLAS_JSON = 'application/vnd.atlas.2023-01-01+json';
export const ATLAS_CSV = 'application/vnd.atlas.2023-01-01+csv';
/** Atlas serves errors as plain JSON, not the versioned media type (spec: every error response). */
export const ERROR_JSON = 'application/json';

/** One /api request as the handlers see it. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  /** The request-target exactly as sent (digest auth hashes it). */
  rawUrl: string;
  query: Record<string, string>;
  body: string;
  route: SimRoute;
  params: Record<string, string>;
  orgId?: string;
  log: RequestLogEntry;
}

/** Jersey-style booleans: only "true" (any case) is true. */
export const queryFlag = (x: Exchange, name: string, fallback = false): boolean =>
  x.query[name] === undefined ? fallback : x.query[name]?.toLowerCase() === 'true';

export interface SendOptions {
  contentType?: string;
  headers?: Record<string, string>;
  /** Lists are enveloped by adding `status`; single entities are wrapped in `{status, content}`. */
  list?: boolean;
}

/**
 * Sends a JSON body. With `?envelope=true` Atlas wraps the body and (as we read the docs; the
 * HTTP status under envelope is [UNVERIFIED]) answers HTTP 200 so that clients which cannot see
 * the status line still learn it from the body. 401 keeps its status: digest needs the challenge.
 */
export function sendJson(
  x: Exchange,
  status: number,
  body: unknown,
  options: SendOptions = {},
): void {
  let httpStatus = status;
  let payload = body;
  if (queryFlag(x, 'envelope') && status !== 401) {
    httpStatus = 200;
    payload = options.list
      ? { ...(body as Record<string, unknown>), status }
      : { status, content: body === undefined ? null : body };
  }
  const text = JSON.stringify(payload, null, queryFlag(x, 'pretty') ? 2 : undefined);
  sendText(x, httpStatus, text, options.contentType ?? ATLAS_JSON, options.headers);
}

export function sendText(
  x: Exchange,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (x.res.headersSent || x.res.destroyed) return;
  x.res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  x.res.end(text);
}

export function sendApiError(x: Exchange, failure: ApiFailure): void {
  sendJson(x, failure.status, failure.body, {
    contentType: failure.contentType ?? ERROR_JSON,
    headers: failure.headers,
  });
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** First media type in Accept that this route can produce, or undefined (→ 406). */
export function negotiate(
  accept: string | undefined,
  allowCsv: boolean,
): 'json' | 'csv' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0]?.trim().toLowerCase();
    if (type === ATLAS_JSON) return 'json';
    if (type === ATLAS_CSV && allowCsv) return 'csv';
  }
  return undefined;
}

export function isFailure(error: unknown): error is ApiFailure {
  return error instanceof ApiFailure;
}

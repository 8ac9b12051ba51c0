// The one fetch wrapper: relative /api URLs, the CSRF header on every call, JSON bodies,
// problem+json errors as ApiError, and success bodies parsed with the contract's schema.
import type { z } from 'zod';
import {
  CSRF_HEADER,
  PROBLEM_CONTENT_TYPE,
  problemSchema,
  routePath,
  routeQueryString,
  type ApiRouteSpec,
} from '@ace/bff/contract';
import { ApiError } from './api-error';

export { ApiError, toApiError } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `If-Match`); they cannot replace the CSRF or JSON headers. */
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

/** `Retry-After` is delta-seconds or an HTTP date; we only need whole seconds. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

async function toError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const fallback = {
    status: response.status,
    title: response.statusText || `Request failed (HTTP ${response.status})`,
    detail: 'The server answered with an error and no details.',
    retryAfterSeconds: retryAfter,
  };
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes(PROBLEM_CONTENT_TYPE) && !type.includes('application/json')) {
    return new ApiError(fallback);
  }
  const parsed = problemSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return new ApiError(fallback);
  return new ApiError({
    ...parsed.data,
    retryAfterSeconds: parsed.data.retryAfterSeconds ?? retryAfter,
  });
}

async function send(
  path: string,
  { method = 'GET', body, signal, headers: extra }: RequestOptions,
) {
  const headers: Record<string, string> = {
    ...extra,
    [CSRF_HEADER]: '1',
    Accept: 'application/json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({
      status: 0,
      title: 'Cannot reach the server',
      detail: 'Check your connection and try again.',
    });
  }
  if (!response.ok) throw await toError(response);
  return response;
}

type Input<R, K extends 'params' | 'query' | 'body'> =
  R extends Record<K, infer S extends z.ZodType> ? { [P in K]: z.input<S> } : { [P in K]?: never };

/** What a call of route `R` takes: its path parameters, query and body, typed by the table. */
export type CallInput<R extends ApiRouteSpec> = Input<R, 'params'> &
  Partial<Input<R, 'query'>> &
  Input<R, 'body'> &
  (R extends { ifMatch: true } ? { ifMatch: string } : { ifMatch?: never });

/** A route's answer as its schema parses it; `void` for 204. */
export type CallAnswer<R extends ApiRouteSpec> = R['answer'] extends {
  schema: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

export interface CallOptions<R extends ApiRouteSpec> {
  signal?: AbortSignal | undefined;
  /**
   * Parses the answer instead of the table's schema: it must produce the same type (the poll
   * checks a result's rows by hand, see cost-query-state-schema.ts).
   */
  schema?: z.ZodType<CallAnswer<R>>;
}

/**
 * Calls one route of the contract's table: the path and query string are built from it and the
 * answer parsed with its schema, so no caller writes a URL by hand.
 */
export async function callApi<R extends ApiRouteSpec>(
  route: R,
  input: CallInput<R>,
  options: CallOptions<R> = {},
): Promise<ApiResponse<CallAnswer<R>>> {
  const { params, query, body, ifMatch } = input as {
    params?: Record<string, string | number | undefined>;
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    ifMatch?: string;
  };
  const path = `${routePath(route, params)}${routeQueryString(query)}`;
  const response = await send(path, {
    method: route.method,
    body,
    signal: options.signal,
    ...(ifMatch !== undefined && { headers: { 'If-Match': ifMatch } }),
  });
  const schema = options.schema ?? route.answer.schema;
  if (!schema)
    return { data: undefined as CallAnswer<R>, status: response.status, headers: response.headers };
  const json: unknown = await response.json().catch(() => undefined);
  const started = performance.now();
  const parsed = schema.safeParse(json);
  // User Timing, read by the render benchmark (a 100,000-row result is a lot to check).
  performance.measure(`ace:parse ${route.path}`, { start: started });
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      title: 'Unexpected response from the server',
      detail: `${route.method} /api${path} returned data this page does not understand.`,
    });
  }
  return { data: parsed.data as CallAnswer<R>, status: response.status, headers: response.headers };
}

/** Calls a route for its answer alone: the common case for picker lists. */
export async function fetchApi<R extends ApiRouteSpec>(
  route: R,
  input: CallInput<R>,
  options: CallOptions<R> = {},
): Promise<CallAnswer<R>> {
  return (await callApi(route, input, options)).data;
}

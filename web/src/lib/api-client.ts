// The one fetch wrapper: relative /api URLs, the CSRF header on every call, JSON bodies,
// problem+json errors as ApiError, and success bodies parsed with the contract's schema.
import type { z } from 'zod';
import { CSRF_HEADER, PROBLEM_CONTENT_TYPE, problemSchema } from '@ace/bff/contract';
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

/** Calls the BFF and parses the body with `schema` (a contract schema). */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<ApiResponse<z.output<S>>> {
  const response = await send(path, options);
  const body: unknown = await response.json().catch(() => undefined);
  const started = performance.now();
  const parsed = schema.safeParse(body);
  // User Timing, read by the render benchmark (a 100,000-row result is a lot to check).
  performance.measure(`ace:parse ${path}`, { start: started });
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      title: 'Unexpected response from the server',
      detail: `${options.method ?? 'GET'} /api${path} returned data this page does not understand.`,
    });
  }
  return { data: parsed.data, status: response.status, headers: response.headers };
}

/** Calls the BFF for its side effect only (e.g. DELETE → 204). */
export async function apiSend(path: string, options: RequestOptions): Promise<void> {
  await send(path, options);
}

/** GET and parse: the common case for picker lists. */
export async function apiGet<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return (await apiRequest(path, schema, { signal })).data;
}

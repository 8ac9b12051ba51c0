import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { AtlasApiError, AtlasProtocolError, type AtlasRateLimit } from './errors';
import type { RawResponse } from './http';
import { apiErrorSchema } from './schemas';

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function intHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
  const value = headerValue(headers, name);
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** Atlas documents these headers but warns they are not always present. */
export function rateLimitOf(headers: IncomingHttpHeaders): AtlasRateLimit | undefined {
  const limit = intHeader(headers, 'ratelimit-limit');
  const remaining = intHeader(headers, 'ratelimit-remaining');
  return limit === undefined && remaining === undefined ? undefined : { limit, remaining };
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Parses JSON or throws AtlasProtocolError; an empty body is never read as "no data". */
export function parseJsonBody(operation: string, res: RawResponse): unknown {
  if (res.body.trim() === '') {
    throw new AtlasProtocolError(operation, `empty body with status ${res.status}`, res.status);
  }
  try {
    return JSON.parse(res.body) as unknown;
  } catch (cause) {
    throw new AtlasProtocolError(operation, 'malformed JSON', res.status, { cause });
  }
}

/** Validates a parsed body; the zod issue text names paths only, never values. */
export function parseShape<S extends z.ZodType>(
  operation: string,
  schema: S,
  body: unknown,
  status: number,
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => i.path.join('.') || '(root)')
      .join(', ');
    throw new AtlasProtocolError(operation, `unexpected shape at ${where}`, status);
  }
  return parsed.data;
}

/** An error status becomes an AtlasApiError; a body that is not an ApiError is tolerated. */
export function toApiError(operation: string, res: RawResponse, now: number): AtlasApiError {
  let body: unknown;
  try {
    body = JSON.parse(res.body) as unknown;
  } catch {
    body = undefined; // proxies answer with HTML or text: keep only the status
  }
  const parsed = apiErrorSchema.safeParse(body);
  const err = parsed.success ? parsed.data : undefined;
  return new AtlasApiError(operation, {
    status: res.status,
    errorCode: err?.errorCode,
    detail: err?.detail ?? undefined,
    reason: err?.reason ?? undefined,
    parameters: err?.parameters,
    badRequestDetail: err?.badRequestDetail ?? undefined,
    retryAfterMs: parseRetryAfter(headerValue(res.headers, 'retry-after'), now),
    rateLimit: rateLimitOf(res.headers),
  });
}

/** Throws for anything but 2xx; redirects are errors because we never follow them. */
export function assertSuccess(operation: string, res: RawResponse, now: number): void {
  if (res.status >= 200 && res.status < 300) return;
  if (res.status >= 300 && res.status < 400) {
    throw new AtlasProtocolError(operation, `redirect ${res.status} not followed`, res.status);
  }
  if (res.status >= 400 && res.status < 600) throw toApiError(operation, res, now);
  throw new AtlasProtocolError(operation, `unexpected status ${res.status}`, res.status);
}

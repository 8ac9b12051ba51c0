import { ApiError, toApiError } from '../../lib/api-client';
import { nextPollDelayMs } from './poll-delay';

/**
 * How long the page keeps asking a server it cannot reach about a running query: the BFF's
 * own deadline for a query (QUERY_DEADLINE_MS, 10 minutes by default).
 */
export const RECONNECT_DEADLINE_MS = 10 * 60_000;

/** Other transient failures (429, 500) get a few quick retries, as before. */
const TRANSIENT_RETRIES = 3;

/**
 * No answer, or a proxy's "the server is not there" (502/503/504): the BFF is restarting or
 * being deployed. The query lives on in its store, so this is not a failure of the query.
 * A 404 after a restart is: the BFF answered and does not know the query.
 */
export function isReconnectable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

/** Time spent waiting before retry number `failures` (0-based), with the poll's own backoff. */
function waitedBeforeMs(failures: number): number {
  let total = 0;
  for (let i = 0; i < failures; i++) total += nextPollDelayMs(i);
  return total;
}

/** react-query's `retry` for a poll: `failures` counts the failures so far (0 on the first). */
export function shouldRetryPoll(failures: number, error: unknown): boolean {
  if (isReconnectable(error)) return waitedBeforeMs(failures) < RECONNECT_DEADLINE_MS;
  return failures < TRANSIENT_RETRIES && toApiError(error).isTransient;
}

/** react-query's `retryDelay` for a poll: the poll backoff, or what Retry-After asks for. */
export function pollRetryDelayMs(failures: number, error: unknown): number {
  const retryAfter = toApiError(error).retryAfterSeconds;
  return nextPollDelayMs(failures, isReconnectable(error) ? undefined : retryAfter);
}

import { AtlasApiError, AtlasNetworkError } from './errors';

export interface RetryPolicy {
  /** Extra attempts after the first one. */
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger?: { warn(obj: object, msg?: string): void };
}

/**
 * Thrown inside an attempt to end the loop at once with `error`: used for failures another
 * layer has already retried (the token endpoint), so retries happen at one layer only.
 */
export class StopRetrying extends Error {
  constructor(readonly error: unknown) {
    super('stop retrying', { cause: error });
    this.name = 'StopRetrying';
  }
}

/** Network failures, 429 and 5xx other than 501 may succeed later; 4xx and timeouts will not. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof AtlasNetworkError) return true;
  if (err instanceof AtlasApiError) {
    return err.status === 429 || (err.status >= 500 && err.status !== 501);
  }
  return false;
}

/** Full jitter (AWS Builders' Library): uniform in [0, min(cap, base·2^attempt)]. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** attempt);
  return Math.floor(policy.random() * ceiling);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export async function withRetry<T>(
  operation: string,
  policy: RetryPolicy,
  attemptOnce: (attempt: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await attemptOnce(attempt);
    } catch (caught) {
      if (caught instanceof StopRetrying) throw caught.error;
      if (!isRetryable(caught) || attempt >= policy.maxRetries) throw caught;
      const retryAfterMs = caught instanceof AtlasApiError ? caught.retryAfterMs : undefined;
      // A wait longer than our cap is not hidden inside one call: the caller gets the error
      // with retryAfterMs and can tell the user (or its scheduler) when to come back.
      if (retryAfterMs !== undefined && retryAfterMs > policy.retryMaxMs) throw caught;
      const delayMs = Math.max(retryAfterMs ?? 0, backoffMs(attempt, policy));
      policy.logger?.warn(
        {
          operation,
          attempt: attempt + 1,
          delayMs,
          error: (caught as Error).name,
          status: caught instanceof AtlasApiError ? caught.status : undefined,
        },
        'retrying Atlas call',
      );
      await policy.sleep(delayMs);
      signal?.throwIfAborted();
    }
  }
}

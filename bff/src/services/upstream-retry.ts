import { DelegateBackoff, handleWhen, retry } from 'cockatiel';
import { AtlasApiError, AtlasTimeoutError } from '../atlas';
import { isOutage, isRateLimited } from './upstream-errors';

export interface RetryOptions {
  /** Extra attempts after the first. */
  maxRetries: number;
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/**
 * In-request retries for the short reads (picker lists): network errors, 5xx and a 429 whose
 * Retry-After fits in `maxMs`. Timeouts are not retried (the budget is spent) and neither is
 * anything the circuit breaker refused. Cost queries do not use this: their poll loop is their
 * retry, so every call is retried in exactly one place.
 */
export function createUpstreamRetry(options: RetryOptions) {
  const random = options.random ?? Math.random;
  const retryable = (err: Error) => {
    if (err instanceof AtlasTimeoutError) return false;
    if (isRateLimited(err)) return (err.retryAfterMs ?? 0) <= options.maxMs;
    return isOutage(err) && !(err instanceof AtlasApiError && err.status === 501);
  };
  const policy = retry(handleWhen(retryable), {
    maxAttempts: options.maxRetries,
    // Full jitter (AWS Builders' Library), never sooner than Atlas's Retry-After.
    backoff: new DelegateBackoff((context) => {
      const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (context.attempt - 1));
      const failure = 'error' in context.result ? context.result.error : undefined;
      const retryAfter = failure instanceof AtlasApiError ? (failure.retryAfterMs ?? 0) : 0;
      return Math.max(retryAfter, Math.floor(random() * ceiling));
    }),
  });
  return <T>(call: () => Promise<T>): Promise<T> => policy.execute(() => call());
}

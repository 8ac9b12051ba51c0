import { DelegateBackoff, handleWhen, retry } from 'cockatiel';
import { AtlasApiError, AtlasTimeoutError } from '../../atlas';
import { isOutage, isRateLimited } from './upstream-errors';

export interface RetryOptions {
  /** Extra attempts after the first. */
  maxRetries: number;
  baseMs: number;
  maxMs: number;
  random?: () => number;
  /** Told of each retry before its wait: which retry, after what failure, how long until. */
  logger?: { warn(obj: object, msg?: string): void };
}

/**
 * Which Atlas failures are worth another try within the request: network errors, 5xx other than
 * 501, unreadable answers, and a 429 whose Retry-After fits in `maxMs` (a longer one goes back to
 * the caller, who can say when to come back). Timeouts are not retried (the budget is spent), nor
 * are 4xx, refused credentials, redirects, or anything the circuit breaker refused.
 */
function isRetryable(err: unknown, maxMs: number): boolean {
  if (err instanceof AtlasTimeoutError) return false;
  if (isRateLimited(err)) return (err.retryAfterMs ?? 0) <= maxMs;
  return isOutage(err) && !(err instanceof AtlasApiError && err.status === 501);
}

/**
 * In-request retries for the short reads (picker lists), and the only retry engine in front of
 * the Atlas client (which makes one attempt per call). Cost queries do not use this: their poll
 * loop is their retry, so every call is retried in exactly one place.
 */
export function createUpstreamRetry(options: RetryOptions) {
  const random = options.random ?? Math.random;
  const policy = retry(
    handleWhen((err) => isRetryable(err, options.maxMs)),
    {
      maxAttempts: options.maxRetries,
      // Full jitter (AWS Builders' Library), never sooner than Atlas's Retry-After.
      backoff: new DelegateBackoff((context) => {
        const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (context.attempt - 1));
        const failure = 'error' in context.result ? context.result.error : undefined;
        const retryAfter = failure instanceof AtlasApiError ? (failure.retryAfterMs ?? 0) : 0;
        return Math.max(retryAfter, Math.floor(random() * ceiling));
      }),
    },
  );
  policy.onRetry((event) => {
    const error = 'error' in event ? event.error : undefined;
    options.logger?.warn(
      {
        retry: event.attempt,
        delayMs: event.delay,
        error: error?.name,
        status: error instanceof AtlasApiError ? error.status : undefined,
      },
      'retrying Atlas call',
    );
  });
  return <T>(call: () => Promise<T>): Promise<T> => policy.execute(() => call());
}

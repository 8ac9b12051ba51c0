/** Polling backoff: 1 s, growing by half each poll, capped at 5 s. */
export const POLL_BACKOFF = { initialMs: 1000, factor: 1.5, maxMs: 5000 } as const;

/**
 * The wait before poll number `attempt + 1`. A `Retry-After` from the BFF is a floor: the
 * server knows best when Atlas will have more, so we never ask sooner than it says.
 */
export function nextPollDelayMs(attempt: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(
    POLL_BACKOFF.initialMs * POLL_BACKOFF.factor ** Math.max(0, attempt),
    POLL_BACKOFF.maxMs,
  );
  const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
  return Math.round(Math.max(backoff, floor));
}

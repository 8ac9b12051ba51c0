/**
 * How long the BFF may hold a poll while the query is processing (`?wait=`): it answers the
 * moment the query changes, so the page learns of a result as soon as the BFF does.
 */
export const LONG_POLL_WAIT_S = 20;

/**
 * The pause between one held poll's answer and the next poll. Not 0 (react-query reads 0 as "no
 * interval"), and a floor against a tight loop should a server answer at once each time.
 */
export const LONG_POLL_GAP_MS = 100;

/** Backoff after failed polls (and before `Retry-After` existed): 1 s growing by half, capped at 5 s. */
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

/**
 * The shape of the BFF's polls of one Atlas query. Most Cost Explorer queries finish within
 * seconds, so polls are dense at first (a result is seen within `denseMs` of Atlas having it),
 * then back off by doubling to `maxMs` for the rare long one. Every poll still passes the org's
 * budget (OrgRateLimiter), which throttles the schedule when an org is busy.
 */
export interface PollSchedule {
  /** The base of the backoff after failed calls, and the floor of a rate-limit wait. */
  initialMs: number;
  /** The cap of every delay (the dense ones included). */
  maxMs: number;
  /** The first poll after Atlas accepted the query. */
  firstMs: number;
  /** The spacing of polls during the first `denseForMs` of a query… */
  denseMs: number;
  /** …measured from when the query was asked; 0 turns the dense phase off. */
  denseForMs: number;
}

/** The delay before the first poll of a query Atlas just accepted. */
export const firstPollDelayMs = (poll: PollSchedule): number => Math.min(poll.firstMs, poll.maxMs);

/**
 * The delay before the next poll, after a poll that found the query processing: `previousMs`
 * was the delay before that poll, `elapsedMs` is how long ago the query was asked.
 */
export function nextPollDelayMs(previousMs: number, elapsedMs: number, poll: PollSchedule): number {
  const dense = Math.min(poll.denseMs, poll.maxMs);
  if (elapsedMs + dense <= poll.denseForMs) return dense;
  return Math.min(Math.max(previousMs, dense) * 2, poll.maxMs);
}

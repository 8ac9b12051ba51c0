import type { ApiCapacity, CostQueryDone, CostQueryState } from '@ace/bff/contract';

/** A question the BFF asks Atlas in several queries, one after another: how many answered. */
export interface QueryParts {
  done: number;
  total: number;
}

export type CostQueryRunPhase =
  | { kind: 'idle' }
  | {
      kind: 'running';
      /** The local epoch ms at which the query's elapsed time was zero. */
      since: number;
      /** Local epoch ms until which the BFF waits (Atlas's rate limit or an outage). */
      waitUntil?: number | undefined;
      apiCapacity?: ApiCapacity | undefined;
      /** Set only when the question takes more than one Atlas query. */
      parts?: QueryParts | undefined;
      /** The BFF does not answer (restart, deploy): the page keeps asking. */
      reconnecting?: boolean;
    }
  | { kind: 'failed'; title: string; detail: string | undefined }
  /** `receivedAt`: the local epoch ms at which the answer arrived (for the data's age). */
  | { kind: 'done'; result: CostQueryDone; receivedAt?: number };

type Processing = Extract<CostQueryState, { status: 'processing' }>;

/**
 * A processing answer on the local clock. The BFF's times are turned into durations on its own
 * clock first (createdAt + elapsedMs is its "now"), so a browser clock that is off does not
 * skew the countdown.
 */
export function runningPhase(
  state: Processing,
  receivedAt: number,
  reconnecting: boolean,
): CostQueryRunPhase {
  const serverNow = Date.parse(state.createdAt) + state.elapsedMs;
  const waitUntil = state.waitingUntil
    ? receivedAt + (Date.parse(state.waitingUntil) - serverNow)
    : undefined;
  return {
    kind: 'running',
    since: receivedAt - state.elapsedMs,
    waitUntil,
    apiCapacity: state.apiCapacity,
    parts: state.parts && state.parts.total > 1 ? state.parts : undefined,
    reconnecting,
  };
}

/**
 * How old a finished result's data is at local time `now`: its age when the query completed
 * (both BFF times), plus the local time since the answer arrived.
 */
export function dataAgeMs(result: CostQueryDone, receivedAt: number, now: number): number {
  const completed = Date.parse(result.completedAt);
  const fetched = result.dataFetchedAt ? Date.parse(result.dataFetchedAt) : completed;
  return completed - fetched + (now - receivedAt);
}

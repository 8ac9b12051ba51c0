import { currentMonthStart, monthIndex } from '../../contract';
import type { AtlasQuery } from './atlas-query';

export interface CacheTtls {
  /** Ranges made only of months that have ended: their costs barely move. */
  closedMs: number;
  /** Ranges that include the current month, whose costs grow every day. */
  openMs: number;
}

/**
 * How long a finished result may be reused. `endDate` is exclusive, so a range is closed when
 * it ends at or before the first day of the current month (UTC, as Atlas bills). A month's
 * invoice may still be finalized a few days after it ends; hours, not days, cover that.
 */
export function resultTtlMs(
  query: Pick<AtlasQuery, 'endDate'>,
  now: Date,
  ttls: CacheTtls,
): number {
  const closed = monthIndex(query.endDate) <= monthIndex(currentMonthStart(now));
  return closed ? ttls.closedMs : ttls.openMs;
}

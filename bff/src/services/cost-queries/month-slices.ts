import { createHash } from 'node:crypto';
import {
  currentMonthStart,
  monthFromIndex,
  monthIndex,
  type MonthSpan,
  type UsageRow,
} from '../../contract';
import type { AtlasQuery } from './atlas-query';
import type { CacheTtls } from './cache-policy';

/**
 * Results by month. Atlas's rows are monthly (`usageDate` is the first of the month) and a
 * month's rows do not depend on the range asked, so a result splits into one slice per month and
 * any range is the slices of its months in order. A slice's key is everything the Atlas body asks
 * but the dates: organizations (always explicit), filters, group-by and the partial flag.
 */

/** "Kept": a closed month's slice never expires on its own (only the retention command ends it). */
export const KEPT_UNTIL = 8_640_000_000_000_000;

/** How many of the most recently closed months are still re-asked: late charges land in them. */
export const REFRESHED_CLOSED_MONTHS = 3;

export function sliceKeyOf(query: AtlasQuery): string {
  const { startDate: _start, endDate: _end, ...rest } = query;
  return createHash('sha256')
    .update(`slice:${JSON.stringify(rest)}`)
    .digest('base64url');
}

/** Every month of a span, in order, as `YYYY-MM-01`. */
export function monthsIn(span: MonthSpan): string[] {
  const months: string[] = [];
  for (let i = monthIndex(span.first); i <= monthIndex(span.last); i++) {
    months.push(monthFromIndex(i));
  }
  return months;
}

const MONTH_OF_DATE = /^(\d{4})-(\d{2})/;

/** The month a row is billed in, or undefined when its `usageDate` is not a date. */
export function monthOfRow(row: Pick<UsageRow, 'usageDate'>): string | undefined {
  const match = MONTH_OF_DATE.exec(row.usageDate);
  return match ? `${match[1]}-${match[2]}-01` : undefined;
}

/**
 * Rows by month, for the months given (each present, maybe empty). Undefined when a row's date
 * is not one of them: such a result is used whole and not sliced (see the runner's warning).
 */
export function rowsByMonth<R>(
  rows: readonly R[],
  months: readonly string[],
  access: { month(row: R): string | undefined },
): Map<string, R[]> | undefined {
  const byMonth = new Map(months.map((m) => [m, [] as R[]]));
  for (const row of rows) {
    const month = access.month(row);
    const list = month === undefined ? undefined : byMonth.get(month);
    if (!list) return undefined;
    list.push(row);
  }
  return byMonth;
}

/** The months not in `known`, as contiguous spans in order. */
export function missingSpans(months: readonly string[], known: ReadonlySet<string>): MonthSpan[] {
  const spans: MonthSpan[] = [];
  let open: MonthSpan | undefined;
  for (const month of months) {
    if (known.has(month)) {
      open = undefined;
    } else if (open && monthIndex(month) === monthIndex(open.last) + 1) {
      open.last = month;
    } else {
      open = { first: month, last: month };
      spans.push(open);
    }
  }
  return spans;
}

/**
 * Until when a month's slice answers without asking Atlas: the current month for minutes (its
 * costs grow every day), the most recently closed months for hours (late charges and invoice
 * finalization still move them), older closed months for good: they are kept, and answer even
 * after Atlas stops serving them.
 */
export function sliceExpiresAt(month: string, now: number, ttls: CacheTtls): number {
  const current = monthIndex(currentMonthStart(new Date(now)));
  const index = monthIndex(month);
  if (index >= current) return now + ttls.openMs;
  if (index >= current - REFRESHED_CLOSED_MONTHS) return now + ttls.closedMs;
  return KEPT_UNTIL;
}

/** The oldest month kept at all at `at`: HISTORY_KEEP_MONTHS before the current month. */
export function keptHistoryFloor(at: Date, keepMonths: number): string {
  return monthFromIndex(monthIndex(currentMonthStart(at)) - Math.max(keepMonths, 0));
}

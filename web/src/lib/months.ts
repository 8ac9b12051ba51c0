// The one date-fns importer: month maths and month labels. Every value is a `YYYY-MM-01`
// string and every calculation runs on UTCDate, so the browser's time zone never shifts a month.
import { UTCDate, utc } from '@date-fns/utc';
import {
  addMonths,
  differenceInCalendarMonths,
  getDaysInMonth,
  getMonth,
  lightFormat,
  parseISO,
} from 'date-fns';
import {
  currentMonthStart,
  isMonthStart,
  retentionWindow,
  type MonthBounds,
} from '@ace/bff/contract';

/** A `YYYY-MM-01` string: the first day of a month (UTC, no time). */
export type MonthStart = string;

function toDate(month: MonthStart): UTCDate {
  if (!isMonthStart(month)) throw new RangeError(`not a month start: ${month}`);
  return new UTCDate(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
}

function toMonthStart(date: Date): MonthStart {
  return lightFormat(date, 'yyyy-MM-01');
}

/**
 * date-fns's `MMM` in en-US, fixed: lightFormat and this table instead of `format`, whose every
 * token's formatter and the en-US locale (~5 KB gzip) would otherwise be on the first screen.
 */
const SHORT_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;
const shortMonth = (date: Date): string => SHORT_MONTHS[getMonth(date)] ?? '';

/** `Jan 2025` (fixed English short month, like the Atlas console). */
export function formatMonth(month: MonthStart): string {
  const date = toDate(month);
  return `${shortMonth(date)} ${lightFormat(date, 'yyyy')}`;
}

export function addMonthsTo(month: MonthStart, count: number): MonthStart {
  return toMonthStart(addMonths(toDate(month), count));
}

/** Every month start from `first` to `last`, both included, oldest first. */
export function monthsBetween(first: MonthStart, last: MonthStart): MonthStart[] {
  const count = differenceInCalendarMonths(toDate(last), toDate(first)) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addMonthsTo(first, i));
}

/** "Jan 2025 – Mar 2025" for an inclusive range; a single month is shown once. */
export function formatMonthRange(first: MonthStart | null, last: MonthStart | null): string {
  if (!first) return '';
  if (!last) return `${formatMonth(first)} – …`;
  return first === last ? formatMonth(first) : `${formatMonth(first)} – ${formatMonth(last)}`;
}

/** "Sep–Nov 2026", "Nov 2025–Feb 2026", "Nov 2026": a range as short as a tab title needs. */
export function formatMonthSpan(first: MonthStart, last: MonthStart): string {
  if (first === last) return formatMonth(first);
  const from = toDate(first);
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const fromLabel = sameYear ? shortMonth(from) : formatMonth(first);
  return `${fromLabel}–${formatMonth(last)}`;
}

/** The month an Atlas `usageDate` (`YYYY-MM-DD` or an ISO timestamp) falls in, in UTC. */
export function monthOfUsageDate(usageDate: string): MonthStart | null {
  const date = parseISO(usageDate, { in: utc });
  return Number.isNaN(date.getTime()) ? null : toMonthStart(date);
}

/**
 * What the month picker may offer at `now` (the server's clock): Atlas's window (18 months unless
 * the deployment says otherwise), or back to the oldest month this dashboard kept when that is
 * older, the same rule as the contract's `dashboardQuerySchemaAt`. `keptFrom` is that older
 * month (null when nothing older is kept); `atlasEarliest` is the oldest month Atlas serves.
 */
export function monthPickerBounds(
  now: Date,
  bounds: MonthBounds = {},
): {
  minMonth: MonthStart;
  maxMonth: MonthStart;
  atlasEarliest: MonthStart;
  keptFrom: MonthStart | null;
} {
  const atlasEarliest = retentionWindow(now, bounds.atlasMonths).earliestStart;
  const kept = bounds.earliestKept ?? null;
  const keptFrom = kept !== null && kept < atlasEarliest ? kept : null;
  return {
    minMonth: keptFrom ?? atlasEarliest,
    maxMonth: currentMonthStart(now),
    atlasEarliest,
    keptFrom,
  };
}

/** `3 Dec 2026`: the UTC day of an ISO timestamp (when Atlas gave the dashboard a month). */
export function formatDay(iso: string): string {
  const date = parseISO(iso, { in: utc });
  return `${lightFormat(date, 'd')} ${shortMonth(date)} ${lightFormat(date, 'yyyy')}`;
}

/**
 * Months whose charges can still change at `now`: the current one and the one just closed
 * (charges post a day late, and cloud-provider lag can move usage to the next invoice).
 */
export function provisionalMonths(now: Date): MonthStart[] {
  const current = currentMonthStart(now);
  return [addMonthsTo(current, -1), current];
}

/** The Atlas console's default: the last 6 months, including the current one (inclusive). */
export function defaultMonthRange(now: Date): [MonthStart, MonthStart] {
  const current = currentMonthStart(now);
  return [addMonthsTo(current, -5), current];
}

/** `2025-01` (ISO 8601 year-month) for exports: sorts and parses everywhere. */
export function isoMonth(month: MonthStart): string {
  toDate(month); // validates
  return month.slice(0, 7);
}

export function daysInMonth(month: MonthStart): number {
  return getDaysInMonth(toDate(month));
}

/**
 * Days of `month` that have charges at `now`: all of a past month, the days so far (counting
 * today, as Atlas prorates month to date) of the current one, none of a future one.
 */
export function elapsedDaysOf(month: MonthStart, now: Date): number {
  const current = currentMonthStart(now);
  if (month < current) return daysInMonth(month);
  return month === current ? now.getUTCDate() : 0;
}

/** Where a month stands at `now`: its charges are final, may still change, or are month to date. */
export type MonthState = 'closed' | 'may-change' | 'month-to-date';

export function monthStateOf(month: MonthStart, now: Date): MonthState {
  const current = currentMonthStart(now);
  if (month >= current) return 'month-to-date';
  return month === addMonthsTo(current, -1) ? 'may-change' : 'closed';
}

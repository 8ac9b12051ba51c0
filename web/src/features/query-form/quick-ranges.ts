import {
  currentMonthStart,
  RELATIVE_PERIOD_LABELS,
  resolvePeriod,
  type RelativePeriod,
} from '@ace/bff/contract';
import { addMonthsTo, type MonthStart } from '../../lib/months';

/** One choice of the Months field's quick ranges: the months it means now. */
export interface QuickRange {
  key: string;
  label: string;
  first: MonthStart;
  last: MonthStart;
  /** Every month of it is one the picker may offer (Atlas's window or the kept history). */
  available: boolean;
}

/** The presets' relative periods, shortest first, with "last month" between. */
const ORDER: readonly (RelativePeriod | 'last-month')[] = [
  'current-month',
  'last-month',
  'last-3-complete-months',
  'last-6-months',
  'year-to-date',
  'last-12-months',
];

/**
 * The ranges a person usually means, as exact months at `now` (the server's clock); the same
 * words and sums as a preset's relative periods, so "Last 3 complete months" is one thing.
 */
export function quickRanges(now: Date, minMonth: MonthStart, maxMonth: MonthStart): QuickRange[] {
  return ORDER.map((key) => {
    const { first, last } =
      key === 'last-month' ? lastMonth(now) : resolvePeriod({ kind: 'relative', period: key }, now);
    const label = key === 'last-month' ? 'Last month' : RELATIVE_PERIOD_LABELS[key];
    return { key, label, first, last, available: first >= minMonth && last <= maxMonth };
  });
}

function lastMonth(now: Date): { first: MonthStart; last: MonthStart } {
  const month = addMonthsTo(currentMonthStart(now), -1);
  return { first: month, last: month };
}

import { monthStateOf, type MonthStart } from '../../lib/months';

/**
 * Month-over-month change of one group. Plain: integer cents, exact. Per day: each month's
 * amount divided by its days with charges (28/30/31, or the days so far of the current month),
 * so months of different lengths and the month to date compare fairly.
 */
export interface MonthChange {
  /** Cents (per day when per-day), rounded to a whole cent for display. */
  deltaCents: number;
  /** (current − previous) / |previous|; null when there is nothing to compare with ("new"). */
  ratio: number | null;
}

export interface ChangeDays {
  current: number;
  previous: number;
}

/**
 * `numerator / denominator` to the nearest integer, halves away from zero (−2.5 → −3, 2.5 → 3),
 * in integer arithmetic: Math.round would send −2.5 to −2, so a fall and a rise of the same size
 * would round differently. `denominator` is positive.
 */
export function divideRounded(numerator: number, denominator: number): number {
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const quotient = Math.floor(abs / denominator);
  const rest = abs - quotient * denominator;
  return sign * (2 * rest >= denominator ? quotient + 1 : quotient) || 0;
}

export function monthChange(
  current: number | null,
  previous: number | null,
  days?: ChangeDays,
): MonthChange | null {
  if (current === null && previous === null) return null;
  const now = current ?? 0;
  const before = previous ?? 0;
  if (!days) {
    return {
      deltaCents: now - before,
      ratio: before === 0 ? null : (now - before) / Math.abs(before),
    };
  }
  if (days.current <= 0 || days.previous <= 0) return null;
  // Cross-multiplied, so every step is integer cents × days (exact below 2^53) and the only
  // division is the last one: rate(now) − rate(before) = (now·dPrev − before·dNow) / (dNow·dPrev).
  const numerator = now * days.previous - before * days.current;
  const denominator = days.current * days.previous;
  return {
    deltaCents: divideRounded(numerator, denominator),
    ratio: before === 0 ? null : numerator / (Math.abs(before) * days.current),
  };
}

/** Which month the change column compares with the month before it, and why that one. */
export interface DefaultComparison {
  index: number;
  /** Both months have ended (UTC); false when the range has no two complete months in a row. */
  complete: boolean;
}

/**
 * The comparison shown before anyone chooses: the last two complete months of the range, since
 * the month to date (3 of 31 days) against a whole month reads as −90 % everywhere. A range
 * without two complete months in a row compares its last month with the one before (per day,
 * when that is the month to date). Null when the range has a single month.
 */
export function defaultComparison(
  months: readonly MonthStart[],
  now: Date,
): DefaultComparison | null {
  if (months.length < 2) return null;
  for (let i = months.length - 1; i >= 1; i -= 1) {
    if (!isMonthToDate(months[i]!, now)) return { index: i, complete: true };
  }
  return { index: months.length - 1, complete: false };
}

/** The current month (or a later one): its amounts so far are not a whole month's. */
export function isMonthToDate(month: MonthStart, now: Date): boolean {
  return monthStateOf(month, now) === 'month-to-date';
}

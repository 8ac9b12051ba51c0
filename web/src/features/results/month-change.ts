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
  // Cross-multiplied so the only division is the last one: rate(now) − rate(before).
  const numerator = now * days.previous - before * days.current;
  const denominator = days.current * days.previous;
  return {
    deltaCents: Math.round(numerator / denominator),
    ratio: before === 0 ? null : numerator / (Math.abs(before) * days.current),
  };
}

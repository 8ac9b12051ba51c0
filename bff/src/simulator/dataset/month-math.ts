/** Month indexes (months since year 0, as in contract/months.ts) ↔ UTC instants. */

export function monthOfDate(date: Date): number {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function monthStartMs(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}

export function daysInMonth(month: number): number {
  return new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).getUTCDate();
}

/** Share of `date`'s month that has elapsed, counting its own day: month-to-date proration. */
export function monthToDateShare(date: Date): number {
  return date.getUTCDate() / daysInMonth(monthOfDate(date));
}

export function isoAt(month: number, day: number, hour = 0): string {
  return new Date(monthStartMs(month) + (day - 1) * 86_400_000 + hour * 3_600_000).toISOString();
}

import { z } from 'zod';

/**
 * Month arithmetic the contract needs, on `YYYY-MM-DD` strings in UTC. The contract may import
 * only zod, so this is plain Date.UTC maths; the web app does its display maths with date-fns in
 * web/src/lib/months.ts.
 */

/** How many months back Atlas keeps Cost Explorer data (console: "the past 18 months"). */
export const RETENTION_MONTHS = 18;

const MONTH_START = /^(\d{4})-(\d{2})-01$/;

export function isMonthStart(value: string): boolean {
  const m = MONTH_START.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  return month >= 1 && month <= 12;
}

/** Months since year 0 of a `YYYY-MM-01` string; callers check isMonthStart first. */
export function monthIndex(value: string): number {
  return Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7)) - 1;
}

export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** When a `YYYY-MM-01` month ends (the next one starts), in UTC epoch milliseconds. */
export function monthEndMs(month: string): number {
  return Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
}

/** The first day of `now`'s month, in UTC. */
export function currentMonthStart(now: Date): string {
  return monthFromIndex(now.getUTCFullYear() * 12 + now.getUTCMonth());
}

/**
 * The months Atlas accepts for a query made at `now`: start ≥ earliest, end (exclusive) ≤
 * latestEnd. `months`: how far back Atlas serves (a deployment setting, 18 by default).
 */
export function retentionWindow(
  now: Date,
  months: number = RETENTION_MONTHS,
): { earliestStart: string; latestEnd: string } {
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return {
    earliestStart: monthFromIndex(current - months),
    latestEnd: monthFromIndex(current + 1),
  };
}

export const monthStartSchema = z
  .string({ error: 'is required' })
  .refine(isMonthStart, { error: 'must be the first day of a month (YYYY-MM-01)' });

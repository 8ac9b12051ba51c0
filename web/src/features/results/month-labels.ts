import { daysInMonth, elapsedDaysOf, monthStateOf, type MonthStart } from '../../lib/months';

/** What a month's amounts can be trusted for, in a few words next to its label. */
export function monthStateNote(month: MonthStart, now: Date): string | null {
  switch (monthStateOf(month, now)) {
    case 'month-to-date':
      return 'month to date, provisional';
    case 'may-change':
      return 'may still change';
    case 'closed':
      return null;
  }
}

/** "Jun 2025 (MTD)" for chart axes, where space is short. */
export function shortMonthLabel(month: MonthStart, label: string, now: Date): string {
  const state = monthStateOf(month, now);
  if (state === 'month-to-date') return `${label} (MTD)`;
  return state === 'may-change' ? `${label} *` : label;
}

/** "15 of 30 days" for the current month. */
export function monthToDateDays(month: MonthStart, now: Date): string {
  return `${elapsedDaysOf(month, now)} of ${daysInMonth(month)} days`;
}

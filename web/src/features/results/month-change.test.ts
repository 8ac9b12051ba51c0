import { describe, expect, it } from 'vitest';
import { defaultComparison, divideRounded, isMonthToDate, monthChange } from './month-change';

describe('monthChange', () => {
  it('gives the change in exact cents and as a share of the previous month', () => {
    expect(monthChange(12_000, 10_000)).toEqual({ deltaCents: 2000, ratio: 0.2 });
    expect(monthChange(5_000, 10_000)).toEqual({ deltaCents: -5000, ratio: -0.5 });
  });

  it('calls a group without a previous month new (no percentage) and a vanished one -100%', () => {
    expect(monthChange(700, null)).toEqual({ deltaCents: 700, ratio: null });
    expect(monthChange(null, 700)).toEqual({ deltaCents: -700, ratio: -1 });
    expect(monthChange(null, null)).toBeNull();
  });

  it('measures against the size of a negative previous month (credits)', () => {
    expect(monthChange(-50, -100)).toEqual({ deltaCents: 50, ratio: 0.5 });
  });

  it('per day, the same daily spend in February (28) and March (31) is no change', () => {
    expect(monthChange(3_100, 2_800, { current: 31, previous: 28 })).toEqual({
      deltaCents: 0,
      ratio: 0,
    });
    // Without the per-day view the longer month looks 10.7 % dearer.
    expect(monthChange(3_100, 2_800)?.ratio).toBeCloseTo(0.107, 3);
  });

  it('per day, compares the month to date by the days so far', () => {
    // 15 days at $10/day against a 30-day month at $9/day.
    const change = monthChange(15_000, 27_000, { current: 15, previous: 30 });
    expect(change?.deltaCents).toBe(100);
    expect(change?.ratio).toBeCloseTo(1 / 9, 10);
  });

  it('has no per-day change for a month without days yet', () => {
    expect(monthChange(1, 1, { current: 0, previous: 30 })).toBeNull();
  });
});

describe('divideRounded', () => {
  it('rounds to the nearest cent, halves away from zero, the same for a rise and a fall', () => {
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(-5, 2)).toBe(-3);
    expect(divideRounded(7, 3)).toBe(2);
    expect(divideRounded(-7, 3)).toBe(-2);
    expect(divideRounded(-1, 3)).toBe(0);
    expect(Object.is(divideRounded(-1, 3), -0)).toBe(false);
  });

  it('per day, a fall of half a cent a day shows as -1 cent, as a rise shows +1', () => {
    // 1 cent over 2 days against nothing: +0.5 ¢/day → +1; and the reverse → -1.
    expect(monthChange(1, 0, { current: 2, previous: 2 })?.deltaCents).toBe(1);
    expect(monthChange(0, 1, { current: 2, previous: 2 })?.deltaCents).toBe(-1);
  });
});

describe('defaultComparison', () => {
  /** 3 December 2026: December is the month to date (3 of 31 days). */
  const NOW = new Date('2026-12-03T10:00:00Z');
  const range = [
    '2026-07-01',
    '2026-08-01',
    '2026-09-01',
    '2026-10-01',
    '2026-11-01',
    '2026-12-01',
  ];

  it('compares the last two complete months when the range ends in the current month', () => {
    expect(defaultComparison(range, NOW)).toEqual({ index: 4, complete: true });
  });

  it('compares the last two months of a range that has ended', () => {
    expect(defaultComparison(range.slice(0, 4), NOW)).toEqual({ index: 3, complete: true });
  });

  it('counts a month complete only once it has ended in UTC', () => {
    const lastMoment = new Date('2026-11-30T23:59:59.999Z');
    expect(defaultComparison(range.slice(3, 5), lastMoment)).toEqual({
      index: 1,
      complete: false,
    });
    const firstMoment = new Date('2026-12-01T00:00:00Z');
    expect(defaultComparison(range.slice(3, 5), firstMoment)).toEqual({
      index: 1,
      complete: true,
    });
  });

  it('without two complete months in a row, compares the month so far (per day)', () => {
    expect(defaultComparison(['2026-11-01', '2026-12-01'], NOW)).toEqual({
      index: 1,
      complete: false,
    });
    expect(isMonthToDate('2026-12-01', NOW)).toBe(true);
    expect(isMonthToDate('2026-11-01', NOW)).toBe(false);
  });

  it('has nothing to compare in a single month', () => {
    expect(defaultComparison(['2026-12-01'], NOW)).toBeNull();
    expect(defaultComparison(['2026-10-01'], NOW)).toBeNull();
  });
});

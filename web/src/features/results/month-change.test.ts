import { describe, expect, it } from 'vitest';
import { monthChange } from './month-change';

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

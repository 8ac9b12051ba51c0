import { describe, expect, it, vi } from 'vitest';
import {
  addMonthsTo,
  daysInMonth,
  defaultMonthRange,
  elapsedDaysOf,
  formatDay,
  formatMonth,
  formatMonthRange,
  isoMonth,
  monthOfUsageDate,
  monthPickerBounds,
  monthsBetween,
  monthStateOf,
  provisionalMonths,
} from './months';

describe('months', () => {
  it('labels a month as "Jan 2025"', () => {
    expect(formatMonth('2025-01-01')).toBe('Jan 2025');
    expect(formatMonth('2024-12-01')).toBe('Dec 2024');
  });

  it('shows an inclusive range', () => {
    expect(formatMonthRange('2025-01-01', '2025-03-01')).toBe('Jan 2025 – Mar 2025');
    expect(formatMonthRange('2024-11-01', '2025-01-01')).toBe('Nov 2024 – Jan 2025');
  });

  it('shows a single month once and a half-chosen range with an ellipsis', () => {
    expect(formatMonthRange('2025-02-01', '2025-02-01')).toBe('Feb 2025');
    expect(formatMonthRange('2025-02-01', null)).toBe('Feb 2025 – …');
    expect(formatMonthRange(null, null)).toBe('');
  });

  it('lists every month from the first to the last, both included, across a year boundary', () => {
    expect(monthsBetween('2024-11-01', '2025-01-01')).toEqual([
      '2024-11-01',
      '2024-12-01',
      '2025-01-01',
    ]);
    expect(monthsBetween('2025-01-01', '2025-01-01')).toEqual(['2025-01-01']);
  });

  it('adds and subtracts months without day overflow', () => {
    expect(addMonthsTo('2025-01-01', 1)).toBe('2025-02-01');
    expect(addMonthsTo('2025-03-01', -3)).toBe('2024-12-01');
    expect(addMonthsTo('2024-02-01', 12)).toBe('2025-02-01');
  });

  it('rejects a date that is not a month start', () => {
    expect(() => formatMonth('2025-01-15')).toThrow(RangeError);
  });

  it('offers 18 months back up to the current month, in UTC', () => {
    // 00:30 UTC on 1 March is still February in the Americas: the server's UTC month wins.
    const now = new Date('2026-03-01T00:30:00Z');
    expect(monthPickerBounds(now)).toEqual({
      minMonth: '2024-09-01',
      maxMonth: '2026-03-01',
      atlasEarliest: '2024-09-01',
      keptFrom: null,
    });
  });

  it("offers kept months older than Atlas's window, and only those older", () => {
    const now = new Date('2026-12-03T10:00:00Z');
    expect(monthPickerBounds(now, { atlasMonths: 12, earliestKept: '2025-07-01' })).toEqual({
      minMonth: '2025-07-01',
      maxMonth: '2026-12-01',
      atlasEarliest: '2025-12-01',
      keptFrom: '2025-07-01',
    });
    // A kept month inside Atlas's window widens nothing.
    expect(monthPickerBounds(now, { atlasMonths: 12, earliestKept: '2026-01-01' })).toMatchObject({
      minMonth: '2025-12-01',
      keptFrom: null,
    });
  });

  it('names the UTC day of a timestamp', () => {
    expect(formatDay('2026-12-03T23:30:00.000Z')).toBe('3 Dec 2026');
  });

  it('calls the current and the just-closed month provisional, across a year edge', () => {
    expect(provisionalMonths(new Date('2026-01-05T00:00:00Z'))).toEqual([
      '2025-12-01',
      '2026-01-01',
    ]);
  });

  it('defaults to the last 6 months including the current one', () => {
    expect(defaultMonthRange(new Date('2026-11-27T12:00:00Z'))).toEqual([
      '2026-06-01',
      '2026-11-01',
    ]);
    expect(defaultMonthRange(new Date('2026-02-28T23:59:59Z'))).toEqual([
      '2025-09-01',
      '2026-02-01',
    ]);
  });

  it('puts a usage date in its UTC month', () => {
    expect(monthOfUsageDate('2025-01-01')).toBe('2025-01-01');
    expect(monthOfUsageDate('2025-01-31')).toBe('2025-01-01');
    expect(monthOfUsageDate('2025-01-31T23:30:00-02:00')).toBe('2025-02-01');
    expect(monthOfUsageDate('garbage')).toBeNull();
  });
});

describe('month lengths and states', () => {
  it('writes ISO year-months for exports', () => {
    expect(isoMonth('2025-01-01')).toBe('2025-01');
    expect(() => isoMonth('2025-01-02')).toThrow(RangeError);
  });

  it('knows 28, 29, 30 and 31-day months', () => {
    expect(['2025-02-01', '2024-02-01', '2025-04-01', '2025-01-01'].map(daysInMonth)).toEqual([
      28, 29, 30, 31,
    ]);
  });

  it('counts the days so far of the current month, all of a past one, none of a future one', () => {
    const now = new Date('2025-06-15T23:30:00Z');
    expect(elapsedDaysOf('2025-06-01', now)).toBe(15);
    expect(elapsedDaysOf('2025-05-01', now)).toBe(31);
    expect(elapsedDaysOf('2025-07-01', now)).toBe(0);
  });

  it('calls the current month month-to-date and the one before it "may change"', () => {
    const now = new Date('2026-01-05T00:00:00Z');
    expect(monthStateOf('2026-01-01', now)).toBe('month-to-date');
    expect(monthStateOf('2025-12-01', now)).toBe('may-change');
    expect(monthStateOf('2025-11-01', now)).toBe('closed');
  });
});

describe('months in a far-off time zone', () => {
  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Pago_Pago'])(
    'gives the same answers in %s',
    (zone) => {
      vi.stubEnv('TZ', zone); // Node re-reads the zone when TZ changes; undone after each test
      expect(new Date(2025, 0, 1).getTimezoneOffset()).not.toBe(0);
      expect(formatMonth('2025-01-01')).toBe('Jan 2025');
      expect(addMonthsTo('2024-12-01', 1)).toBe('2025-01-01');
      expect(monthOfUsageDate('2025-03-01')).toBe('2025-03-01');
      expect(monthsBetween('2024-12-01', '2025-01-01')).toEqual(['2024-12-01', '2025-01-01']);
    },
  );
});

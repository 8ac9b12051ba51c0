import { describe, expect, it } from 'vitest';
import {
  dashboardQuerySchemaAt,
  RELATIVE_PERIOD_LABELS,
  RELATIVE_PERIODS,
  resolvePeriod,
  type RelativePeriod,
} from '../../src/contract';

/**
 * The resolver the server runs when a relative period is asked or a preset opened (and the page
 * uses to label it): pure, UTC, inclusive month starts. GET /api/presets/:id returns it as
 * `resolved`.
 */
const at = (iso: string) => new Date(iso);
const relative = (period: RelativePeriod) => ({ kind: 'relative' as const, period });

describe('resolving a relative range when a preset is opened', () => {
  it.each([
    ['last-3-complete-months', '2025-12-01', '2026-02-01'],
    ['last-6-months', '2025-10-01', '2026-03-01'],
    ['last-12-months', '2025-04-01', '2026-03-01'],
    ['year-to-date', '2026-01-01', '2026-03-01'],
    ['current-month', '2026-03-01', '2026-03-01'],
  ] as const)('on 15 March 2026, %s is %s to %s (both included)', (period, first, last) => {
    expect(resolvePeriod(relative(period), at('2026-03-15T12:00:00Z'))).toEqual({ first, last });
  });

  it('leaves the current month out of "last 3 complete months", across a year end', () => {
    expect(
      resolvePeriod(relative('last-3-complete-months'), at('2026-01-31T23:59:59.999Z')),
    ).toEqual({ first: '2025-10-01', last: '2025-12-01' });
  });

  it('starts "year to date" on 1 January even in January', () => {
    expect(resolvePeriod(relative('year-to-date'), at('2026-01-01T00:00:00Z'))).toEqual({
      first: '2026-01-01',
      last: '2026-01-01',
    });
  });

  it('counts months in UTC, whatever the server’s time zone', () => {
    // 00:30 on 1 March in UTC+2 is still February in UTC.
    expect(resolvePeriod(relative('current-month'), at('2026-03-01T00:30:00+02:00'))).toEqual({
      first: '2026-02-01',
      last: '2026-02-01',
    });
  });

  it('returns fixed months as they were saved', () => {
    const period = { kind: 'months' as const, first: '2025-01-01', last: '2025-03-01' };
    expect(resolvePeriod(period, at('2026-03-15T00:00:00Z'))).toEqual({
      first: '2025-01-01',
      last: '2025-03-01',
    });
  });

  it('always resolves to a query Atlas accepts (within 18 months, nothing in the future)', () => {
    for (let month = 0; month < 36; month++) {
      const now = new Date(Date.UTC(2025, month, 1 + (month % 28), 13));
      for (const period of RELATIVE_PERIODS) {
        const query = { orgId: 'a'.repeat(24), period: relative(period) };
        expect(
          dashboardQuerySchemaAt(now).safeParse(query).success,
          `${period} at ${now.toISOString()}`,
        ).toBe(true);
      }
    }
  });

  it('has a human label for every relative period, so the page can say it is relative', () => {
    for (const period of RELATIVE_PERIODS) expect(RELATIVE_PERIOD_LABELS[period]).toBeTruthy();
  });
});

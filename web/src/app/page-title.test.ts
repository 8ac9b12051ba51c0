import { describe, expect, it } from 'vitest';
import { formatMonthSpan } from '../lib/months';
import { dashboardTitle } from './page-title';

const NOW = new Date('2026-12-03T10:00:00Z');

describe('the page title', () => {
  it('names the organization and the months of a dashboard view', () => {
    const period = { kind: 'months', first: '2026-09-01', last: '2026-11-01' } as const;
    expect(dashboardTitle({ presetName: undefined, orgName: 'Acme Corp', period, now: NOW })).toBe(
      'Cost Explorer — Acme Corp · Sep–Nov 2026',
    );
  });

  it('resolves a relative period at the server’s clock', () => {
    const period = { kind: 'relative', period: 'last-3-complete-months' } as const;
    expect(dashboardTitle({ presetName: undefined, orgName: 'Acme', period, now: NOW })).toBe(
      'Cost Explorer — Acme · Sep–Nov 2026',
    );
  });

  it('names a preset the page was opened from, and only what is chosen so far otherwise', () => {
    const half = { kind: 'months', first: '2026-09-01', last: null } as const;
    expect(dashboardTitle({ presetName: 'Shop', orgName: 'Acme', period: half, now: NOW })).toBe(
      'Shop — Cost Explorer',
    );
    expect(dashboardTitle({ presetName: undefined, orgName: 'Acme', period: half, now: NOW })).toBe(
      'Cost Explorer — Acme',
    );
    expect(
      dashboardTitle({ presetName: undefined, orgName: undefined, period: undefined, now: null }),
    ).toBe('Cost Explorer');
  });

  it('writes a month range as short as a tab has room for', () => {
    expect(formatMonthSpan('2026-11-01', '2026-11-01')).toBe('Nov 2026');
    expect(formatMonthSpan('2025-11-01', '2026-02-01')).toBe('Nov 2025–Feb 2026');
  });
});

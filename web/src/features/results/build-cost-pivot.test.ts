import type { UsageRow } from '@ace/bff/contract';
import { describe, expect, it } from 'vitest';
import { buildCostPivot, UNATTRIBUTED } from './build-cost-pivot';

const range = { startDate: '2025-01-01', endDate: '2025-04-01' };

function row(
  partial: Partial<UsageRow> & { usageDate: string; usageAmountCents: number },
): UsageRow {
  return { usageAmount: partial.usageAmountCents / 100, ...partial };
}

describe('buildCostPivot', () => {
  it('totals rows, columns and the grand total exactly to the cent', () => {
    const usage = [
      // Ten lines of $0.10 and three of $0.01: float sums of these drift, cents do not.
      ...Array.from({ length: 10 }, () =>
        row({
          usageDate: '2025-01-01',
          usageAmountCents: 10,
          projectId: 'p1',
          projectName: 'Shop',
        }),
      ),
      row({ usageDate: '2025-02-01', usageAmountCents: 1, projectId: 'p1', projectName: 'Shop' }),
      row({ usageDate: '2025-02-01', usageAmountCents: 1, projectId: 'p1', projectName: 'Shop' }),
      row({ usageDate: '2025-03-01', usageAmountCents: 5119, projectId: 'p2', projectName: 'Ads' }),
      row({ usageDate: '2025-01-01', usageAmountCents: 1, projectId: 'p2', projectName: 'Ads' }),
    ];
    const pivot = buildCostPivot(usage, 'projects', range);
    expect(pivot.months.map((m) => m.label)).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025']);
    expect(pivot.rows.map((r) => [r.label, r.cells, r.totalCents])).toEqual([
      ['Ads', [1, null, 5119], 5120],
      ['Shop', [100, 2, null], 102],
    ]);
    expect(pivot.months.map((m) => m.totalCents)).toEqual([101, 2, 5119]);
    expect(pivot.grandTotalCents).toBe(5222);
  });

  it('labels rows without a value for the group "Unattributed" and puts them last', () => {
    const usage = [
      row({ usageDate: '2025-01-01', usageAmountCents: 100, clusterId: 'c1', clusterName: 'prod' }),
      row({ usageDate: '2025-01-01', usageAmountCents: 999, service: 'Support' }),
      row({ usageDate: '2025-02-01', usageAmountCents: -300, service: 'Credits' }),
    ];
    const pivot = buildCostPivot(usage, 'clusters', range);
    expect(pivot.rows.map((r) => [r.label, r.unattributed, r.totalCents])).toEqual([
      ['prod', false, 100],
      [UNATTRIBUTED, true, 699],
    ]);
    expect(pivot.grandTotalCents).toBe(799);
  });

  it('falls back to the id when Atlas sends no name, and keeps same-named groups apart', () => {
    const usage = [
      row({ usageDate: '2025-01-01', usageAmountCents: 1, clusterId: 'c1', clusterName: 'db' }),
      row({ usageDate: '2025-01-01', usageAmountCents: 2, clusterId: 'c2', clusterName: 'db' }),
      row({ usageDate: '2025-01-01', usageAmountCents: 3, clusterUniqueId: 'c3' }),
    ];
    const pivot = buildCostPivot(usage, 'clusters', range);
    expect(pivot.rows.map((r) => [r.key, r.label])).toEqual([
      ['c3', 'c3'],
      ['c2', 'db'],
      ['c1', 'db'],
    ]);
  });

  it('groups by service when the query has no group-by', () => {
    const usage = [
      row({ usageDate: '2025-01-01', usageAmountCents: 700, service: 'Clusters' }),
      row({ usageDate: '2025-01-01', usageAmountCents: 300, service: 'Backup' }),
      row({ usageDate: '2025-02-01', usageAmountCents: 100, service: 'Clusters' }),
    ];
    const pivot = buildCostPivot(usage, undefined, range);
    expect(pivot.dimension).toBe('services');
    expect(pivot.rows.map((r) => [r.label, r.totalCents])).toEqual([
      ['Clusters', 800],
      ['Backup', 300],
    ]);
  });

  it('has every month as a column and no rows when there is no usage', () => {
    const pivot = buildCostPivot([], 'projects', range);
    expect(pivot.rows).toEqual([]);
    expect(pivot.months.map((m) => [m.month, m.totalCents])).toEqual([
      ['2025-01-01', 0],
      ['2025-02-01', 0],
      ['2025-03-01', 0],
    ]);
    expect(pivot.grandTotalCents).toBe(0);
  });

  it('keeps usage dated outside the range as an extra column rather than dropping money', () => {
    const usage = [row({ usageDate: '2025-05-01', usageAmountCents: 42, service: 'Charts' })];
    const pivot = buildCostPivot(usage, 'services', range);
    expect(pivot.months.map((m) => m.label)).toEqual([
      'Jan 2025',
      'Feb 2025',
      'Mar 2025',
      'May 2025',
    ]);
    expect(pivot.grandTotalCents).toBe(42);
  });
});

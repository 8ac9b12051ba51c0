import type { UsageRow } from '@ace/bff/contract';
import { describe, expect, it } from 'vitest';
import type { NameDirectory } from '../../lib/entity-names';
import { pivotOfRows } from '../../testing/cost-query-answers';
import { UNATTRIBUTED } from './pivot-rows';

const range = { first: '2025-01-01', last: '2025-03-01' };
const C1 = '5f000001aaaaaaaaaaaaaaaa';
const C2 = '5f000002aaaaaaaaaaaaaaaa';
const C3 = '5f000003aaaaaaaaaaaaaaaa';

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
    const pivot = pivotOfRows(usage, 'projects', range);
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
    const pivot = pivotOfRows(usage, 'clusters', range);
    expect(pivot.rows.map((r) => [r.label, r.unattributed, r.totalCents])).toEqual([
      ['prod', false, 100],
      [UNATTRIBUTED, true, 699],
    ]);
    expect(pivot.grandTotalCents).toBe(799);
  });

  it('falls back to the id when Atlas sends no name, and tells same-named groups apart', () => {
    const shop = { projectId: 'p1', projectName: 'Shop' };
    const usage = [
      row({
        usageDate: '2025-01-01',
        usageAmountCents: 1,
        clusterId: C1,
        clusterName: 'db',
        ...shop,
      }),
      row({
        usageDate: '2025-01-01',
        usageAmountCents: 2,
        clusterId: C2,
        clusterName: 'db',
        ...shop,
      }),
      row({
        usageDate: '2025-01-01',
        usageAmountCents: 4,
        clusterId: C3,
        clusterName: 'db',
        projectName: 'Ads',
      }),
      row({ usageDate: '2025-01-01', usageAmountCents: 3, clusterUniqueId: 'c3' }),
    ];
    const pivot = pivotOfRows(usage, 'clusters', range);
    expect(pivot.rows.map((r) => [r.key, r.label])).toEqual([
      [C3, 'db · Ads'],
      ['c3', 'c3'],
      [C2, 'db · Shop · 5f000002…'],
      [C1, 'db · Shop · 5f000001…'],
    ]);
  });

  it('keeps clusters that no longer exist, marked deleted with their id', () => {
    const directory: NameDirectory = {
      find: (dimension, id) => (dimension === 'clusters' && id === C1 ? 'live-name' : null),
    };
    const usage = [
      row({ usageDate: '2025-01-01', usageAmountCents: 500, clusterId: C1, clusterName: 'prod' }),
      row({ usageDate: '2025-02-01', usageAmountCents: 700, clusterId: C2, clusterName: 'old' }),
      row({ usageDate: '2025-02-01', usageAmountCents: 9, clusterId: C3 }),
    ];
    const pivot = pivotOfRows(usage, 'clusters', range, directory);
    expect(pivot.rows.map((r) => [r.label, r.deleted, r.totalCents])).toEqual([
      ['old (deleted) · 5f000002…', true, 700],
      ['prod', false, 500],
      ['Unknown cluster (deleted) · 5f000003…', true, 9],
    ]);
    expect(pivot.grandTotalCents).toBe(1209);
  });

  it('does not call anything deleted while the lists are unknown', () => {
    const usage = [row({ usageDate: '2025-01-01', usageAmountCents: 1, clusterId: C1 })];
    const pivot = pivotOfRows(usage, 'clusters', range, { find: () => undefined });
    expect(pivot.rows.map((r) => [r.label, r.deleted])).toEqual([[C1, false]]);
  });

  it('groups by service when the query has no group-by', () => {
    const usage = [
      row({ usageDate: '2025-01-01', usageAmountCents: 700, service: 'Clusters' }),
      row({ usageDate: '2025-01-01', usageAmountCents: 300, service: 'Backup' }),
      row({ usageDate: '2025-02-01', usageAmountCents: 100, service: 'Clusters' }),
    ];
    const pivot = pivotOfRows(usage, undefined, range);
    expect(pivot.dimension).toBe('services');
    expect(pivot.rows.map((r) => [r.label, r.totalCents])).toEqual([
      ['Clusters', 800],
      ['Backup', 300],
    ]);
  });

  it('has every month as a column and no rows when there is no usage', () => {
    const pivot = pivotOfRows([], 'projects', range);
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
    const pivot = pivotOfRows(usage, 'services', range);
    expect(pivot.months.map((m) => m.label)).toEqual([
      'Jan 2025',
      'Feb 2025',
      'Mar 2025',
      'May 2025',
    ]);
    expect(pivot.grandTotalCents).toBe(42);
  });

  it('counts rows without a readable month instead of dropping them silently', () => {
    const usage = [
      row({ usageDate: 'garbage', usageAmountCents: 42, service: 'Charts' }),
      row({ usageDate: '2025-01-01', usageAmountCents: 8, service: 'Charts' }),
    ];
    const pivot = pivotOfRows(usage, 'services', range);
    expect(pivot.unreadable).toEqual({ rows: 1, cents: 42 });
    expect(pivot.grandTotalCents).toBe(8);
  });
});

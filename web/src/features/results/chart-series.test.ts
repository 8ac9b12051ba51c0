import { describe, expect, it } from 'vitest';
import type { CostPivot, PivotRow } from './pivot-types';
import { buildChartModel } from './chart-series';

function row(label: string, cells: (number | null)[]): PivotRow {
  const totalCents = cells.reduce<number>((sum, c) => sum + (c ?? 0), 0);
  return {
    key: label,
    id: label,
    label,
    name: label,
    deleted: false,
    unattributed: false,
    organizationId: undefined,
    cells,
    totalCents,
  };
}

function pivot(rows: PivotRow[]): CostPivot {
  const months = [0, 1].map((m) => ({
    month: `2025-0${m + 1}-01`,
    label: `M${m}`,
    totalCents: rows.reduce((sum, r) => sum + (r.cells[m] ?? 0), 0),
  }));
  const grandTotalCents = rows.reduce((sum, r) => sum + r.totalCents, 0);
  return {
    dimension: 'clusters',
    months,
    rows,
    grandTotalCents,
    unreadable: { rows: 0, cents: 0 },
  };
}

describe('buildChartModel', () => {
  const rows = [
    row('a', [500, 500]),
    row('b', [100, 150]),
    row('credits', [-900, null]),
    row('c', [1, 2]),
    row('d', [3, null]),
  ];

  it('charts the largest groups by size (credits too) and sums the rest as Other', () => {
    const model = buildChartModel(pivot(rows), 2, (i) => `M${i}`);
    expect(model.series.map((s) => [s.label, s.cents])).toEqual([
      ['a', [500, 500]],
      ['credits', [-900, 0]],
      ['Other (3 more)', [104, 152]],
    ]);
    expect(model.labels).toEqual(['M0', 'M1']);
    // The stack adds up to each month's total, to the cent.
    model.monthTotals.forEach((total, m) =>
      expect(model.series.reduce((sum, s) => sum + s.cents[m]!, 0)).toBe(total),
    );
  });

  it('shows one more group rather than an "Other" of one', () => {
    const model = buildChartModel(pivot(rows), 4, (i) => `M${i}`);
    expect(model.otherCount).toBe(0);
    expect(model.series).toHaveLength(5);
  });
});

import { sortIndices } from '../../lib/sort-indices';
import type { CostPivot, PivotRow } from './pivot-types';
import type { MonthChange } from './month-change';

export interface PivotSort {
  /** A column id: group, total, m<i> (a month), change, change-pct. */
  id: string;
  desc: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A group that had nothing the month before is "new": above every finite change. */
const NEW = Number.MAX_SAFE_INTEGER;

function keyOf(
  pivot: CostPivot,
  id: string,
  changeOf: (row: PivotRow) => MonthChange | null,
): (index: number) => number {
  const rows = pivot.rows;
  if (id === 'group') {
    const labels = [...new Set(rows.map((r) => r.label))].sort(collator.compare);
    const rank = new Map(labels.map((label, i) => [label, i]));
    return (i) => rank.get(rows[i]!.label) ?? 0;
  }
  if (id === 'total') return (i) => rows[i]!.totalCents;
  if (id === 'change') return (i) => changeOf(rows[i]!)?.deltaCents ?? 0;
  if (id === 'change-pct') {
    return (i) => {
      const change = changeOf(rows[i]!);
      if (!change) return 0;
      return change.ratio === null ? NEW : Math.round(change.ratio * 1e6);
    };
  }
  const month = Number(id.slice(1));
  // No usage sorts as zero: that is what the group cost that month.
  return (i) => rows[i]!.cells[month] ?? 0;
}

/**
 * Display order of the pivot's rows: those whose label contains `filter`, sorted by one column
 * (or in the pivot's own order, largest total first, when unsorted).
 */
export function orderPivotRows(
  pivot: CostPivot,
  sort: PivotSort | null,
  filter: string,
  changeOf: (row: PivotRow) => MonthChange | null,
): Int32Array {
  const needle = filter.trim().toLowerCase();
  const kept: number[] = [];
  pivot.rows.forEach((row, i) => {
    if (!needle || row.label.toLowerCase().includes(needle)) kept.push(i);
  });
  const indices = Int32Array.from(kept);
  return sort ? sortIndices(indices, keyOf(pivot, sort.id, changeOf), sort.desc) : indices;
}

import type { CostSummary } from '@ace/bff/contract';
import type { NameDirectory } from '../../lib/entity-names';
import { formatMonth } from '../../lib/months';
import { compareRows, disambiguate, toPivotRow } from './pivot-rows';
import type { CostPivot, PivotRow } from './pivot-types';

/**
 * The BFF's summary (cents per group and month, decision 017) → the pivot the chart and table
 * draw: labels from the names directory, clashing names told apart, biggest first, with column
 * and grand totals in integer cents. No usage row is touched, and each group's cells are read
 * once, in order: at 62,000 groups × 19 months a pass per month over every group (cells
 * scattered over the heap) cost more than the rest of the pivot together.
 */
export function buildCostPivot(summary: CostSummary, directory?: NameDirectory): CostPivot {
  const started = performance.now();
  const { dimension, groups } = summary;
  const monthCount = summary.months.length;
  const monthTotals = new Array<number>(monthCount).fill(0);
  let grandTotalCents = 0;
  // The summary has one group per id (summarizeUsage keys them so).
  const rows: PivotRow[] = [];
  const parents: (string | undefined)[] = [];
  for (const group of groups) {
    const { cells } = group;
    let totalCents = 0;
    for (let m = 0; m < monthCount; m += 1) {
      const cents = cells[m];
      if (cents === null || cents === undefined) continue;
      totalCents += cents;
      monthTotals[m]! += cents;
    }
    grandTotalCents += totalCents;
    rows.push(toPivotRow(group, totalCents, dimension, directory));
    parents.push(group.parentName);
  }
  disambiguate(rows, parents);
  // Already biggest first from the BFF: the sort only settles ties by label (Unattributed last).
  rows.sort(compareRows);
  const months = summary.months.map((month, i) => ({
    month,
    label: formatMonth(month),
    totalCents: monthTotals[i] ?? 0,
  }));
  performance.measure('ace:pivot', { start: started });
  return { dimension, months, rows, grandTotalCents, unreadable: summary.unreadable };
}

import type { CostSummary } from '@ace/bff/contract';
import type { NameDirectory } from '../../lib/entity-names';
import { formatMonth } from '../../lib/months';
import { compareRows, disambiguate, toPivotRow, UNATTRIBUTED_KEY } from './pivot-rows';
import type { CostPivot, PivotGroup } from './pivot-types';

/**
 * The BFF's summary (cents per group and month, decision 017) → the pivot the chart and table
 * draw: labels from the names directory, clashing names told apart, biggest first, with column
 * and grand totals in integer cents. A few thousand groups at most: no usage row is touched.
 */
export function buildCostPivot(summary: CostSummary, directory?: NameDirectory): CostPivot {
  const started = performance.now();
  const { dimension } = summary;
  const groups = new Map<string, PivotGroup>();
  for (const group of summary.groups) {
    const key = group.id ?? UNATTRIBUTED_KEY;
    groups.set(key, {
      entity: group.id === undefined ? null : { id: group.id, name: group.name },
      organizationId: group.organizationId,
      parentName: group.parentName,
      cells: group.cells,
    });
  }
  const rows = [...groups].map(([key, group]) => toPivotRow(key, group, dimension, directory));
  disambiguate(rows, groups);
  rows.sort(compareRows);
  const months = summary.months.map((month, i) => {
    let totalCents = 0;
    for (const row of rows) totalCents += row.cells[i] ?? 0;
    return { month, label: formatMonth(month), totalCents };
  });
  let grandTotalCents = 0;
  for (const row of rows) grandTotalCents += row.totalCents;
  performance.measure('ace:pivot', { start: started });
  return { dimension, months, rows, grandTotalCents, unreadable: summary.unreadable };
}

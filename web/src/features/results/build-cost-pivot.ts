import type { GroupBy, MonthSpan, UsageRow } from '@ace/bff/contract';
import type { NameDirectory } from '../../lib/entity-names';
import { formatMonth, monthOfUsageDate, monthsBetween, type MonthStart } from '../../lib/months';
import { entityIdOf, entityOf, type Dimension } from '../../lib/usage-fields';
import { compareRows, disambiguate, toPivotRow, UNATTRIBUTED_KEY } from './pivot-rows';
import type { CostPivot, PivotGroup } from './pivot-types';

/** Every month of the query is a column; usage dated outside it gets a column too. */
function columnsOf(usage: readonly UsageRow[], range: MonthSpan) {
  const months = monthsBetween(range.first, range.last);
  const monthOfDate = new Map<string, MonthStart | null>();
  for (const row of usage) {
    if (!monthOfDate.has(row.usageDate)) {
      monthOfDate.set(row.usageDate, monthOfUsageDate(row.usageDate));
    }
  }
  const all = new Set(months);
  for (const month of monthOfDate.values()) if (month) all.add(month);
  const columns = [...all].sort();
  const columnOfMonth = new Map(columns.map((month, i) => [month, i]));
  const columnOfDate = new Map<string, number>();
  for (const [date, month] of monthOfDate) {
    if (month) columnOfDate.set(date, columnOfMonth.get(month) ?? -1);
  }
  return { columns, columnOfDate };
}

/**
 * Usage rows → group × month in integer cents, with row, column and grand totals. Plain integer
 * additions are exact while every partial sum stays below 2^53 cents, which is checked.
 */
export function buildCostPivot(
  usage: readonly UsageRow[],
  groupBy: GroupBy | undefined,
  /** The months the query covers, both included. */
  range: MonthSpan,
  directory?: NameDirectory,
): CostPivot {
  const started = performance.now();
  const dimension: Dimension = groupBy ?? 'services';
  const { columns, columnOfDate } = columnsOf(usage, range);
  const groups = new Map<string, PivotGroup>();
  const unreadable = { rows: 0, cents: 0 };
  let magnitude = 0;
  for (const row of usage) {
    const cents = row.usageAmountCents;
    if (!Number.isInteger(cents)) throw new TypeError(`not integer cents: ${cents}`);
    magnitude += Math.abs(cents);
    const column = columnOfDate.get(row.usageDate);
    if (column === undefined) {
      unreadable.rows += 1;
      unreadable.cents += cents;
      continue;
    }
    const key = entityIdOf(row, dimension) ?? UNATTRIBUTED_KEY;
    let group = groups.get(key);
    if (!group) {
      group = {
        entity: entityOf(row, dimension),
        organizationId: row.organizationId,
        parentName: dimension === 'clusters' ? row.projectName : row.organizationName,
        cells: new Array<number | null>(columns.length).fill(null),
      };
      groups.set(key, group);
    }
    group.cells[column] = (group.cells[column] ?? 0) + cents;
  }
  if (magnitude > Number.MAX_SAFE_INTEGER) throw new RangeError('amounts exceed exact cents');

  const rows = [...groups].map(([key, group]) => toPivotRow(key, group, dimension, directory));
  disambiguate(rows, groups);
  rows.sort(compareRows);
  const months = columns.map((month, i) => {
    let totalCents = 0;
    for (const row of rows) totalCents += row.cells[i] ?? 0;
    return { month, label: formatMonth(month), totalCents };
  });
  let grandTotalCents = 0;
  for (const row of rows) grandTotalCents += row.totalCents;
  performance.measure('ace:pivot', { start: started });
  return { dimension, months, rows, grandTotalCents, unreadable };
}

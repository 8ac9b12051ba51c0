import type { GroupBy, UsageRow } from '@ace/bff/contract';
import { formatMonth, monthOfUsageDate, monthsInRange, type MonthStart } from '../../lib/months';
import { sumCents } from '../../lib/money';

export const UNATTRIBUTED = 'Unattributed';
/** Cannot collide with an Atlas id or name. */
const UNATTRIBUTED_KEY = '\u0000unattributed';

/** The dimension a table is split by: the query's group-by, or services when there is none. */
export type PivotDimension = GroupBy;

export const DIMENSION_NOUN: Record<PivotDimension, string> = {
  organizations: 'organization',
  projects: 'project',
  clusters: 'cluster',
  services: 'service',
};

export interface PivotRow {
  key: string;
  label: string;
  /** Usage without a value for the dimension (a partial match: support, credits …). */
  unattributed: boolean;
  /** Integer cents per column; null where no usage row exists (shown as a dash, not $0.00). */
  cells: (number | null)[];
  totalCents: number;
}

export interface CostPivot {
  dimension: PivotDimension;
  months: { month: MonthStart; label: string; totalCents: number }[];
  rows: PivotRow[];
  grandTotalCents: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A row's group: id for identity, name for display (id when Atlas gave no name). */
function groupOf(row: UsageRow, dimension: PivotDimension): { key: string; label: string } | null {
  const pick = (id: unknown, name: unknown) => {
    const key = text(id) ?? text(name);
    return key ? { key, label: text(name) ?? key } : null;
  };
  switch (dimension) {
    case 'organizations':
      return pick(row.organizationId, row.organizationName);
    case 'projects':
      return pick(row.projectId, row.projectName);
    case 'clusters':
      // Atlas's CSV calls it "Cluster Unique Id"; accept either spelling.
      return pick(row.clusterId ?? row.clusterUniqueId, row.clusterName);
    case 'services':
      return pick(row.service, row.service);
  }
}

/**
 * Usage rows → group × month, in integer cents. Every month of the query is a column (also
 * those without usage); rows without a value for the group (partial matches) are "Unattributed".
 */
export function buildCostPivot(
  usage: readonly UsageRow[],
  groupBy: GroupBy | undefined,
  range: { startDate: MonthStart; endDate: MonthStart },
): CostPivot {
  const dimension: PivotDimension = groupBy ?? 'services';
  const months = monthsInRange(range.startDate, range.endDate);
  const extra = new Set<MonthStart>();
  const cells = new Map<string, { label: string; byMonth: Map<MonthStart, number[]> }>();
  for (const row of usage) {
    const month = monthOfUsageDate(row.usageDate);
    if (!month) continue;
    if (!months.includes(month)) extra.add(month); // defensive: show it rather than drop money
    const group = groupOf(row, dimension) ?? { key: UNATTRIBUTED_KEY, label: UNATTRIBUTED };
    const entry = cells.get(group.key) ?? {
      label: group.label,
      byMonth: new Map<MonthStart, number[]>(),
    };
    const amounts = entry.byMonth.get(month) ?? [];
    amounts.push(row.usageAmountCents);
    entry.byMonth.set(month, amounts);
    cells.set(group.key, entry);
  }
  const columns = [...months, ...extra].sort();
  const rows: PivotRow[] = [...cells].map(([key, entry]) => {
    const rowCells = columns.map((m) => {
      const amounts = entry.byMonth.get(m);
      return amounts ? sumCents(amounts) : null;
    });
    const totalCents = sumCents(rowCells.map((c) => c ?? 0));
    return {
      key,
      label: entry.label,
      unattributed: key === UNATTRIBUTED_KEY,
      cells: rowCells,
      totalCents,
    };
  });
  rows.sort(compareRows);
  return {
    dimension,
    months: columns.map((month, i) => ({
      month,
      label: formatMonth(month),
      totalCents: sumCents(rows.map((r) => r.cells[i] ?? 0)),
    })),
    rows,
    grandTotalCents: sumCents(rows.map((r) => r.totalCents)),
  };
}

/** Biggest cost first; Unattributed last; ties by name, so the order is stable. */
function compareRows(a: PivotRow, b: PivotRow): number {
  return (
    Number(a.unattributed) - Number(b.unattributed) ||
    b.totalCents - a.totalCents ||
    a.label.localeCompare(b.label)
  );
}

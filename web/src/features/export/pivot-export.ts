import { centsToDecimal } from '../../lib/money';
import { isoMonth } from '../../lib/months';
import { DIMENSION_NOUN, type Dimension } from '../../lib/usage-fields';
import type { SheetFormat } from './csv';
import { queryHeader, totalField, type ExportSource } from './query-header';

/** The pivot as the export needs it (the results feature's CostPivot fits this shape). */
export interface PivotForExport {
  dimension: Dimension;
  months: readonly { month: string }[];
  rows: readonly {
    id: string | undefined;
    name: string | undefined;
    label: string;
    deleted: boolean;
    unattributed: boolean;
    cells: readonly (number | null)[];
    totalCents: number;
  }[];
  grandTotalCents: number;
}

/** Column names, then one line per group: id, name, deleted, each month, total. */
export function pivotLines(f: SheetFormat, pivot: PivotForExport): string[][] {
  const noun = DIMENSION_NOUN[pivot.dimension];
  const amount = (cents: number | null) => (cents === null ? '' : f.num(centsToDecimal(cents)));
  const header = [
    f.text(`${noun}_id`),
    f.text(noun),
    f.text('deleted'),
    ...pivot.months.map((m) => f.text(isoMonth(m.month))),
    f.text('total_usd'),
  ];
  const rows = pivot.rows.map((row) => [
    f.text(row.id ?? ''),
    f.text(row.unattributed ? row.label : (row.name ?? row.id ?? '')),
    f.text(row.deleted ? 'true' : 'false'),
    ...row.cells.map(amount),
    amount(row.totalCents),
  ]);
  return [header, ...rows];
}

export function pivotFileLines(f: SheetFormat, pivot: PivotForExport, source: ExportSource) {
  const noun = DIMENSION_NOUN[pivot.dimension];
  const header = queryHeader(f, source, `Cost by ${noun} and month`, [
    ['rows', f.num(String(pivot.rows.length))],
    ['grand_total_usd', totalField(f, pivot.grandTotalCents)],
  ]);
  return [...header, [], ...pivotLines(f, pivot)];
}

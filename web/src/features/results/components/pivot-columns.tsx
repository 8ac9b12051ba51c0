import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { elapsedDaysOf } from '../../../lib/months';
import { DIMENSION_NOUN } from '../../../lib/usage-fields';
import type { CostPivot, PivotRow } from '../pivot-types';
import { monthChange, type MonthChange } from '../month-change';
import { monthStateNote } from '../month-labels';
import { Amount, ChangeAmount, ChangePercent, GroupLabel, MonthHeader } from './pivot-cells';

/** Which month is compared with the one before it, and whether per day. */
export interface Comparison {
  index: number;
  /** The view's per-day switch, or forced on when the compared month is the month to date. */
  perDay: boolean;
  /** The compared month has not ended: its amount is the month so far. */
  monthToDate: boolean;
  /** Nobody chose, and the range has no two complete months in a row to compare by default. */
  noCompletePair: boolean;
}

/** How the page drills into a group: the action's words ("by service"), or null for none. */
export interface DrillControl {
  actionFor: (row: PivotRow) => string | null;
  onDrill: (row: PivotRow) => void;
}

const column = createColumnHelper<PivotRow>();

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The change of `cells` for the compared month, or null when there is none to show. */
export function changeFor(
  cells: readonly (number | null)[],
  pivot: CostPivot,
  comparison: Comparison,
  now: Date,
): MonthChange | null {
  const { index, perDay } = comparison;
  const current = pivot.months[index];
  const previous = pivot.months[index - 1];
  if (!current || !previous) return null;
  const days = perDay
    ? { current: elapsedDaysOf(current.month, now), previous: elapsedDaysOf(previous.month, now) }
    : undefined;
  return monthChange(cells[index] ?? null, cells[index - 1] ?? null, days);
}

export function pivotColumns(
  pivot: CostPivot,
  now: Date,
  comparison: Comparison | null,
  drill: DrillControl | undefined,
  /** Months answered from what this dashboard kept (Atlas no longer serves them). */
  kept: ReadonlySet<string> = new Set(),
): ColumnDef<PivotRow, unknown>[] {
  const months = pivot.months.map((m, i) =>
    column.accessor((row) => row.cells[i] ?? undefined, {
      id: `m${i}`,
      header: () => (
        <MonthHeader
          label={m.label}
          note={kept.has(m.month) ? 'kept by this dashboard' : monthStateNote(m.month, now)}
        />
      ),
      cell: (ctx) => <Amount cents={ctx.getValue()} />,
      sortUndefined: 'last',
      size: 108,
      meta: { align: 'right' },
    }),
  );
  const changes = comparison
    ? changeColumns(pivot, now, comparison, comparison.perDay ? ' per day' : '')
    : [];
  return [
    column.accessor('label', {
      id: 'group',
      header: capitalise(DIMENSION_NOUN[pivot.dimension]),
      cell: (ctx) => (
        <GroupLabel
          row={ctx.row.original}
          action={drill?.actionFor(ctx.row.original) ?? null}
          onDrill={drill?.onDrill}
        />
      ),
      size: 220,
      meta: { rowHeader: true },
    }),
    ...months,
    column.accessor('totalCents', {
      id: 'total',
      header: 'Total',
      cell: (ctx) => <Amount cents={ctx.getValue()} />,
      size: 120,
      meta: { align: 'right' },
    }),
    ...changes,
  ] as ColumnDef<PivotRow, unknown>[];
}

function changeColumns(pivot: CostPivot, now: Date, comparison: Comparison, unit: string) {
  const current = pivot.months[comparison.index]?.label ?? '';
  const previous = pivot.months[comparison.index - 1]?.label ?? '';
  const change = (row: PivotRow) => changeFor(row.cells, pivot, comparison, now);
  const title = comparisonTitle(current, previous, comparison);
  return [
    column.accessor((row) => change(row)?.deltaCents, {
      id: 'change',
      header: () => <MonthHeader label={`Change ($${unit})`} note={title} />,
      cell: (ctx) => <ChangeAmount change={change(ctx.row.original)} perDay={comparison.perDay} />,
      sortUndefined: 'last',
      size: 124,
      meta: { align: 'right' },
    }),
    column.accessor((row) => change(row)?.ratio ?? undefined, {
      id: 'change-pct',
      header: () => <MonthHeader label={`Change (%${unit})`} note={title} />,
      cell: (ctx) => <ChangePercent change={change(ctx.row.original)} />,
      sortUndefined: 'last',
      size: 100,
      meta: { align: 'right' },
    }),
  ];
}

/** "Dec 2026 so far vs Nov 2026": the column's note and the comparison menu's option. */
export function comparisonTitle(current: string, previous: string, comparison: Comparison) {
  return comparison.monthToDate ? `${current} so far vs ${previous}` : `${current} vs ${previous}`;
}

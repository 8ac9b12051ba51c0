import { functionalUpdate, type SortingState, type Updater } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useVirtualWindow } from '../../../components/data-table/use-virtual-window';
import { useWindowedTable } from '../../../components/data-table/use-windowed-table';
import { VirtualTable } from '../../../components/data-table/virtual-table';
import { DIMENSION_NOUN } from '../../../lib/usage-fields';
import type { CostPivot, PivotRow } from '../pivot-types';
import { orderPivotRows } from '../pivot-order';
import type { ResultsView, ResultsViewChange } from '../results-view';
import { defaultComparison, isMonthToDate } from '../month-change';
import {
  capitalise,
  changeFor,
  pivotColumns,
  type Comparison,
  type DrillControl,
} from './pivot-columns';
import { pivotFooter } from './pivot-footer';
import { PivotToolbar } from './pivot-toolbar';

interface PivotTableProps {
  pivot: CostPivot;
  now: Date;
  drill?: DrillControl | undefined;
  /** Filter, sort and per day: the page's (see ResultsView). */
  view: Pick<ResultsView, 'filterText' | 'sort' | 'perDay'>;
  onViewChange: ResultsViewChange;
  /** Months answered from the dashboard's kept history: marked in their column headers. */
  keptMonths?: ReadonlySet<string> | undefined;
}

/** Groups × months with totals, and the change of one month against the one before. */
export function PivotTable(props: PivotTableProps) {
  const { pivot, now, drill, view: options, onViewChange, keptMonths } = props;
  const noun = DIMENSION_NOUN[pivot.dimension];
  const last = pivot.months.length - 1;
  const { filterText: filter, perDay } = options;
  // The user's choice holds for these months only: a new range starts from its own default.
  const monthsKey = pivot.months.map((m) => m.month).join();
  const [chosen, setChosen] = useState<{ monthsKey: string; index: number } | null>(null);
  const chosenIndex = chosen?.monthsKey === monthsKey ? chosen.index : null;
  const setCompareIndex = (index: number) => setChosen({ monthsKey, index });
  const comparison = useMemo(
    () => comparisonOf(pivot, chosenIndex, perDay, now),
    [pivot, chosenIndex, perDay, now],
  );
  // A sort by a column this pivot does not have (a month or change it lacks) is no sort.
  const sort = options.sort && hasColumn(options.sort.id, last, comparison) ? options.sort : null;
  const sorting = useMemo<SortingState>(() => (sort ? [sort] : []), [sort]);
  const setSorting = (updater: Updater<SortingState>) => {
    const next = functionalUpdate(updater, sorting)[0];
    onViewChange({ sort: next ? { id: next.id, desc: next.desc } : null });
  };
  const setFilter = (filterText: string) => onViewChange({ filterText });
  const setPerDay = (value: boolean) => onViewChange({ perDay: value });
  const order = useMemo(() => {
    const changeOf = (row: PivotRow) =>
      comparison ? changeFor(row.cells, pivot, comparison, now) : null;
    return orderPivotRows(pivot, sort, filter, changeOf);
  }, [pivot, sort, filter, comparison, now]);
  const [scrollerRef, view] = useVirtualWindow(order.length);
  const shown = view.items.map((item) => pivot.rows[order[item.index]!]!);
  const columns = useMemo(
    () => pivotColumns(pivot, now, comparison, drill, keptMonths),
    [pivot, now, comparison, drill, keptMonths],
  );
  const table = useWindowedTable({
    data: shown,
    columns,
    sorting,
    onSortingChange: setSorting,
    getRowId: (row) => row.key,
  });
  const filtered = filter.trim() !== '';
  const footer = pivotFooter({
    pivot,
    shown: filtered ? Array.from(order, (i) => pivot.rows[i]!) : null,
    comparison,
    now,
    firstRowIndex: 1 + order.length + 1,
  });

  return (
    <>
      <PivotToolbar
        pivot={pivot}
        now={now}
        noun={noun}
        filter={filter}
        onFilter={setFilter}
        comparison={comparison}
        onCompare={setCompareIndex}
        onPerDay={setPerDay}
      />
      <VirtualTable
        table={table}
        scrollerRef={scrollerRef}
        window={view}
        caption={`Cost by ${noun} and month (USD)`}
        regionLabel={`${capitalise(noun)} table, scrollable`}
        footer={footer}
        footerRowCount={footer.length}
        data-testid="pivot-table"
      />
    </>
  );
}

/**
 * The comparison shown: the user's, else the last two complete months. The month to date is
 * always compared per day (3 of 31 days against a whole month would read as −90 %).
 */
function comparisonOf(
  pivot: CostPivot,
  chosenIndex: number | null,
  perDay: boolean,
  now: Date,
): Comparison | null {
  const fallback = defaultComparison(
    pivot.months.map((m) => m.month),
    now,
  );
  if (!fallback) return null;
  const last = pivot.months.length - 1;
  const index = chosenIndex === null ? fallback.index : Math.min(Math.max(chosenIndex, 1), last);
  const monthToDate = isMonthToDate(pivot.months[index]!.month, now);
  return {
    index,
    perDay: perDay || monthToDate,
    monthToDate,
    noCompletePair: chosenIndex === null && !fallback.complete,
  };
}

function hasColumn(id: string, lastMonth: number, comparison: unknown): boolean {
  if (id === 'group' || id === 'total') return true;
  if (id === 'change' || id === 'change-pct') return comparison !== null;
  return /^m\d+$/.test(id) && Number(id.slice(1)) <= lastMonth;
}

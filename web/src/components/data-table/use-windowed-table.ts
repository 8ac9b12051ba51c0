import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table';

interface WindowedTableOptions<Row> {
  /** Only the rows in the virtual window's view, already sorted and filtered by the caller. */
  data: Row[];
  columns: ColumnDef<Row, unknown>[];
  /** One column at a time; the caller orders the rows itself. */
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  getRowId: (row: Row, index: number) => string;
}

/** A TanStack table over the window in view of a virtual table, sorted by its caller. */
export function useWindowedTable<Row>({
  data,
  columns,
  sorting,
  onSortingChange,
  getRowId,
}: WindowedTableOptions<Row>) {
  // TanStack Table hands out fresh functions by design; it is not memoizable.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableMultiSort: false,
    // The data is the window in view and changes on every scroll: nothing may reset on that
    // (the default page-index reset would set state on each change, forever).
    autoResetAll: false,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
  });
}

import type { RowData } from '@tanstack/react-table';

// How a column is laid out in VirtualTable: amounts right-aligned, the first column as the
// row's header cell (<th scope="row">), and the header's plain-text name for labels.
declare module '@tanstack/react-table' {
  // The type parameters must match TanStack's declaration to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    align?: 'right';
    rowHeader?: boolean;
  }
}

export {};

import { Table } from '@mantine/core';
import { flexRender, type Table as TableModel } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import './column-meta';
import classes from './data-table.module.css';
import { SortHeader } from './sort-header';
import type { VirtualWindow } from './use-virtual-window';

interface VirtualTableProps<T> {
  /** A TanStack table over the rows in view only (window.items, in order). */
  table: TableModel<T>;
  scrollerRef: React.RefObject<HTMLDivElement | null>;
  window: VirtualWindow;
  caption: ReactNode;
  /** Names the scrollable region (keyboard users focus it to scroll with the arrow keys). */
  regionLabel: string;
  /** Footer rows (<Table.Tr>), kept in view at the bottom. */
  footer?: ReactNode;
  footerRowCount?: number;
  maxHeight?: string;
  'data-testid'?: string;
}

/**
 * A real <table> (caption, column and row headers, aria-sort, aria-rowcount) whose body holds
 * only the rows in view: sorting and filtering happen outside over indices, so 100,000 rows
 * cost about as much as 40. Fixed row height and column widths keep it steady while scrolling.
 */
export function VirtualTable<T>({
  table,
  scrollerRef,
  window: view,
  caption,
  regionLabel,
  footer,
  footerRowCount = 0,
  maxHeight = 'min(70vh, 640px)',
  'data-testid': testId,
}: VirtualTableProps<T>) {
  const columns = table.getVisibleLeafColumns();
  const width = columns.reduce((sum, column) => sum + column.getSize(), 0);
  const headerGroups = table.getHeaderGroups();
  const rows = table.getRowModel().rows;
  const spacer = (height: number, key: string) =>
    height > 0 ? (
      <tr aria-hidden className={classes.spacer} key={key}>
        <td colSpan={columns.length} style={{ height }} />
      </tr>
    ) : null;

  return (
    <div
      ref={scrollerRef}
      className={classes.scroller}
      style={{ maxHeight }}
      role="region"
      aria-label={regionLabel}
      tabIndex={0}
      data-testid={testId}
      data-virtual-scroller
    >
      <Table
        className={classes.table}
        style={{ minWidth: width }}
        highlightOnHover
        captionSide="top"
        aria-rowcount={headerGroups.length + view.rowCount + footerRowCount}
      >
        <Table.Caption>{caption}</Table.Caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={{ width: column.getSize() }} />
          ))}
        </colgroup>
        <Table.Thead>
          {headerGroups.map((group, i) => (
            <Table.Tr key={group.id} aria-rowindex={i + 1}>
              {group.headers.map((header) => (
                <SortHeader key={header.id} header={header} />
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {spacer(view.padTop, 'top')}
          {rows.map((row, k) => (
            <Table.Tr
              key={row.id}
              aria-rowindex={headerGroups.length + (view.items[k]?.index ?? k) + 1}
              style={{ height: view.rowHeight }}
            >
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                const Cell = meta?.rowHeader ? Table.Th : Table.Td;
                return (
                  <Cell
                    key={cell.id}
                    scope={meta?.rowHeader ? 'row' : undefined}
                    className={classes.cell}
                    data-align={meta?.align}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Cell>
                );
              })}
            </Table.Tr>
          ))}
          {spacer(view.padBottom, 'bottom')}
        </Table.Tbody>
        {footer && <Table.Tfoot>{footer}</Table.Tfoot>}
      </Table>
    </div>
  );
}

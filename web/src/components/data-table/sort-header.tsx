import { Table, UnstyledButton } from '@mantine/core';
import { flexRender, type Header } from '@tanstack/react-table';
import classes from './data-table.module.css';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A column header that sorts on click, Enter or Space, and says how it is sorted (aria-sort). */
export function SortHeader<T>({ header }: { header: Header<T, unknown> }) {
  const { column } = header;
  const sorted = column.getIsSorted();
  const align = column.columnDef.meta?.align;
  const content = flexRender(column.columnDef.header, header.getContext());
  return (
    <Table.Th
      scope="col"
      aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
      className={classes.header}
      data-align={align}
    >
      {column.getCanSort() ? (
        <UnstyledButton
          className={classes.sortButton}
          data-align={align}
          onClick={column.getToggleSortingHandler()}
        >
          <span className={classes.headerText}>{content}</span>
          <span aria-hidden className={classes.sortMark} data-active={Boolean(sorted)}>
            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
          </span>
        </UnstyledButton>
      ) : (
        content
      )}
    </Table.Th>
  );
}

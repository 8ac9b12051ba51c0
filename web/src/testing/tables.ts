import { within } from '@testing-library/react';

/** How a table says it is sorted by one column: `ascending`, `descending` or `none`. */
export function columnSort(table: HTMLElement, column: RegExp): string | null {
  return within(table).getByRole('columnheader', { name: column }).getAttribute('aria-sort');
}

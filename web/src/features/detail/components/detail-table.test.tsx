import type { UsageRow } from '@ace/bff/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NameDirectory } from '../../../lib/entity-names';
import { axeViolations } from '../../../testing/axe';
import { renderWithProviders } from '../../../testing/render';
import DetailTable from './detail-table';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const LIVE = '5f0000010000000000000001';
const GONE = '5f0000020000000000000002';
const base = {
  organizationId: ORG,
  organizationName: 'Acme',
  projectId: 'p1',
  projectName: 'Shop',
};
const rows: UsageRow[] = [
  {
    ...base,
    usageDate: '2025-02-01',
    usageAmount: 3,
    usageAmountCents: 300,
    clusterId: LIVE,
    clusterName: 'orders',
  },
  {
    ...base,
    usageDate: '2025-01-01',
    usageAmount: 9,
    usageAmountCents: 900,
    clusterId: GONE,
    clusterName: 'old-db',
  },
  {
    usageDate: '2025-01-01',
    usageAmount: -1,
    usageAmountCents: -100,
    organizationId: ORG,
    service: 'Credits',
  },
];
const directory: NameDirectory = {
  find: (dimension, id) =>
    dimension === 'clusters'
      ? id === LIVE
        ? 'orders'
        : null
      : dimension === 'organizations'
        ? 'Acme'
        : undefined,
};

const bodyRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('DetailTable', () => {
  it('lists every row with names, deleted clusters kept and marked', async () => {
    const { container } = renderWithProviders(<DetailTable rows={rows} directory={directory} />);
    const table = screen.getByRole('table', { name: 'Usage rows (USD)' });
    expect(bodyRows(table)).toEqual([
      ['Feb 2025', 'Acme', 'Shop', 'orders', '–none', '$3.00'],
      ['Jan 2025', 'Acme', 'Shop', 'old-db (deleted) · 5f000002…', '–none', '$9.00'],
      ['Jan 2025', 'Acme', '–none', '–none', 'Credits', '-$1.00'],
    ]);
    expect(screen.getByTestId('detail-summary').textContent).toBe('3 of 3 rows · $11.00');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('sorts by amount and by month, and filters on any column', async () => {
    const { user } = renderWithProviders(<DetailTable rows={rows} directory={directory} />);
    const table = screen.getByRole('table', { name: 'Usage rows (USD)' });
    const amounts = () => bodyRows(table).map((cells) => cells.at(-1));
    await user.click(within(table).getByRole('button', { name: 'Amount' }));
    expect(amounts()).toEqual(['$9.00', '$3.00', '-$1.00']);
    await user.click(within(table).getByRole('button', { name: 'Amount' }));
    expect(amounts()).toEqual(['-$1.00', '$3.00', '$9.00']);
    await user.click(within(table).getByRole('button', { name: 'Month' }));
    expect(bodyRows(table).map((cells) => cells[0])).toEqual(['Jan 2025', 'Jan 2025', 'Feb 2025']);

    await user.type(screen.getByRole('textbox', { name: /Filter rows/ }), 'deleted');
    expect(amounts()).toEqual(['$9.00']);
    expect(screen.getByTestId('detail-summary').textContent).toBe('1 of 3 rows · $9.00');
  });
});

import type { CostQueryDone, UsageRow } from '@ace/bff/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../../lib/money';
import { axeViolations } from '../../../testing/axe';
import { renderWithProviders } from '../../../testing/render';
import { ResultsPanel } from './results-panel';

function done(usage: UsageRow[], query: Partial<CostQueryDone['query']> = {}): CostQueryDone {
  return {
    id: 'query_0000000000000000000001',
    orgId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    status: 'done',
    createdAt: '2025-06-15T12:00:00.000Z',
    completedAt: '2025-06-15T12:00:04.000Z',
    query: { startDate: '2025-01-01', endDate: '2025-03-01', ...query },
    result: {
      usageDetails: usage,
      totals: {
        currency: 'USD',
        totalCents: usage.reduce((sum, row) => sum + row.usageAmountCents, 0),
        rowCount: usage.length,
      },
    },
  };
}

/** In March 2025, February has just closed: it and March are provisional. */
const NOW = new Date('2025-03-10T00:00:00Z');

const usage: UsageRow[] = [
  {
    usageDate: '2025-01-01',
    usageAmount: 10,
    usageAmountCents: 1000,
    projectId: 'p1',
    projectName: 'Shop',
  },
  {
    usageDate: '2025-02-01',
    usageAmount: 2.5,
    usageAmountCents: 250,
    projectId: 'p1',
    projectName: 'Shop',
  },
  { usageDate: '2025-02-01', usageAmount: 1.99, usageAmountCents: 199, service: 'Support' },
];

describe('ResultsPanel', () => {
  it('shows the grand total and a group × month table with totals', async () => {
    const { container } = renderWithProviders(
      <ResultsPanel
        done={done(usage, { groupBy: 'projects', projects: ['bbbbbbbbbbbbbbbbbbbbbbbb'] })}
        now={NOW}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Results' })).toBeTruthy();
    expect(screen.getByTestId('results-total').textContent).toBe(`Total ${formatUsd(1449)}`);

    const table = screen.getByRole('table', { name: 'Cost by project and month' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Project', 'Jan 2025', 'Feb 2025', 'Total'],
      ['Shop', formatUsd(1000), formatUsd(250), formatUsd(1250)],
      ['Unattributed', '–no usage', formatUsd(199), formatUsd(199)],
      ['Total', formatUsd(1000), formatUsd(449), formatUsd(1449)],
    ]);
    expect(screen.getByText(/Provisional: Feb 2025\./)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('explains an empty result and suggests partial matches', () => {
    renderWithProviders(<ResultsPanel done={done([])} now={NOW} />);
    expect(screen.getByText('No usage for these filters and months')).toBeTruthy();
    expect(screen.getByText(/Jan 2025 – Feb 2025/, { selector: 'div' })).toBeTruthy();
    expect(screen.getByText(/Include partially matching charges/)).toBeTruthy();
    expect(screen.getByTestId('results-total').textContent).toBe(`Total ${formatUsd(0)}`);
  });

  it('does not suggest partial matches when they are already on', () => {
    renderWithProviders(
      <ResultsPanel done={done([], { includePartialMatches: true })} now={NOW} />,
    );
    expect(screen.queryByText(/Include partially matching charges/)).toBeNull();
    expect(screen.getByText(/Widen the month range/)).toBeTruthy();
  });
});

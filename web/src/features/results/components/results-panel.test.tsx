import type { CostQueryDone, UsageRow } from '@ace/bff/contract';
import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../../lib/money';
import { axeViolations } from '../../../testing/axe';
import { doneAnswer, usageResult } from '../../../testing/cost-query-answers';
import { renderWithProviders } from '../../../testing/render';
import { columnSort } from '../../../testing/tables';
import { buildCostPivot } from '../build-cost-pivot';
import { DEFAULT_RESULTS_VIEW, type ResultsView } from '../results-view';
import { ResultsPanel } from './results-panel';

/** In March 2025, February has just closed: it may still change. */
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

/** The panel as the page uses it: the page holds the view; `changes` records what it was told. */
function renderPanel(result: CostQueryDone, initial: Partial<ResultsView> = {}) {
  const pivot = buildCostPivot(result.result.summary);
  const changes: Partial<ResultsView>[] = [];
  function Page() {
    const [view, setView] = useState({ ...DEFAULT_RESULTS_VIEW, ...initial });
    const [onViewChange] = useState(() => (change: Partial<ResultsView>) => {
      changes.push(change);
      setView((previous) => ({ ...previous, ...change }));
    });
    return (
      <ResultsPanel done={result} pivot={pivot} now={NOW} view={view} onViewChange={onViewChange} />
    );
  }
  return { ...renderWithProviders(<Page />), changes };
}

const cellTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('ResultsPanel', () => {
  it('shows the grand total, the pivot with totals and month-over-month change', async () => {
    const { container } = renderPanel(
      doneAnswer(usage, {
        groupBy: 'projects',
        filters: {
          organizations: [],
          projects: ['bbbbbbbbbbbbbbbbbbbbbbbb'],
          clusters: [],
          services: [],
        },
      }),
    );
    expect(screen.getByRole('heading', { name: 'Results' })).toBeTruthy();
    expect(screen.getByTestId('results-total').textContent).toBe(`Total ${formatUsd(1449)} USD`);
    // The chart is a lazy chunk: loading it can take a while on a busy machine.
    const chartTitle = { name: 'Cost per month by project (USD)' };
    expect(await screen.findByRole('heading', chartTitle, { timeout: 10_000 })).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Cost by project and month (USD)' });
    const change = 'Feb 2025 vs Jan 2025';
    expect(cellTexts(table)).toEqual([
      [
        'Project↕',
        'Jan 2025↕',
        'Feb 2025may still change↕',
        'Total↕',
        `Change ($)${change}↕`,
        `Change (%)${change}↕`,
      ],
      ['Shop', '$10.00', '$2.50', '$12.50', '-$7.50', '-75%'],
      ['Unattributed', '–no usage', '$1.99', '$1.99', '+$1.99', 'new'],
      ['Total', '$10.00', '$4.49', '$14.49', '-$5.51', '-55.1%'],
    ]);
    expect(screen.getByText(/Feb 2025 has closed but may still change/)).toBeTruthy();
    expect(screen.getByText(/in credits|are credits/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('compares per day, so a 28-day month is not "cheaper" for being short', async () => {
    const { user } = renderPanel(doneAnswer(usage, { groupBy: 'projects' }));
    await user.click(screen.getByRole('switch', { name: /Per day/ }));
    const table = screen.getByRole('table', { name: /Cost by project/ });
    const shop = within(table).getByRole('row', { name: /^Shop/ });
    // $10.00 over 31 days against $2.50 over 28: -$0.23 a day, -72.3 %.
    expect(shop.textContent).toContain('-$0.23/day');
    expect(shop.textContent).toContain('-72.3%');
  });

  it('compares the last two complete months by default, and the month so far only per day', async () => {
    const march: UsageRow = { ...usage[0]!, usageDate: '2025-03-01', usageAmountCents: 310 };
    const answer = doneAnswer([...usage, march], { groupBy: 'projects' });
    answer.months = { first: '2025-01-01', last: '2025-03-01' };
    const { user } = renderPanel(answer);
    const table = screen.getByRole('table', { name: /Cost by project/ });
    const shop = () => within(table).getByRole('row', { name: /^Shop/ });
    expect(within(table).getByRole('columnheader', { name: /^Change \(\$\)/ }).textContent).toBe(
      'Change ($)Feb 2025 vs Jan 2025↕',
    );
    expect(shop().textContent).toContain('-$7.50');

    const select = screen.getByRole('combobox', { name: 'Month-over-month change' });
    await user.click(select);
    await user.click(screen.getByRole('option', { name: 'Mar 2025 so far vs Feb 2025, per day' }));
    expect(within(table).getByRole('columnheader', { name: /^Change \(\$/ }).textContent).toBe(
      'Change ($ per day)Mar 2025 so far vs Feb 2025↕',
    );
    // $3.10 over 10 days against $2.50 over 28: 31.0 − 8.93 = +22.07 ¢ a day, rounded to +$0.22.
    expect(shop().textContent).toContain('+$0.22/day');
    const perDay = screen.getByRole('switch', { name: /Per day/ });
    expect(perDay).toHaveProperty('checked', true);
    expect(perDay).toHaveProperty('disabled', true);
  });

  it('says so when the range has no two complete months to compare', () => {
    const march: UsageRow = { ...usage[0]!, usageDate: '2025-03-01', usageAmountCents: 310 };
    const answer = doneAnswer([usage[1]!, march], { groupBy: 'projects' });
    answer.months = { first: '2025-02-01', last: '2025-03-01' };
    answer.result = usageResult([usage[1]!, march], 'projects', answer.months);
    renderPanel(answer);
    expect(screen.getByText(/No two complete months in this range/)).toBeTruthy();
    const table = screen.getByRole('table', { name: /Cost by project/ });
    expect(within(table).getByRole('columnheader', { name: /^Change \(\$/ }).textContent).toBe(
      'Change ($ per day)Mar 2025 so far vs Feb 2025↕',
    );
  });

  it('sorts by any column and filters by name', async () => {
    const { user } = renderPanel(doneAnswer(usage, { groupBy: 'projects' }));
    const table = screen.getByRole('table', { name: /Cost by project/ });
    const groups = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent);
    await user.click(within(table).getByRole('button', { name: /^Feb 2025/ }));
    expect(groups()).toEqual(['Shop', 'Unattributed', 'Total']);
    expect(columnSort(table, /^Feb 2025 may/)).toBe('descending');
    await user.click(within(table).getByRole('button', { name: /^Feb 2025/ }));
    expect(groups()).toEqual(['Unattributed', 'Shop', 'Total']);

    await user.type(screen.getByRole('textbox', { name: 'Filter projects' }), 'sho');
    expect(groups()).toEqual(['Shop', 'Matching (1 of 2)', 'Total']);
  });

  it('shows the view it is given: sort, filter, per day, chart size and tab', async () => {
    renderPanel(doneAnswer(usage, { groupBy: 'projects' }), {
      sort: { id: 'total', desc: false },
      filterText: 'a',
      perDay: true,
      chartTopN: 5,
    });
    const table = screen.getByRole('table', { name: /Cost by project/ });
    expect(columnSort(table, /^Total/)).toBe('ascending');
    expect(screen.getByRole('textbox', { name: 'Filter projects' })).toHaveProperty('value', 'a');
    expect(screen.getByRole('switch', { name: /Per day/ })).toHaveProperty('checked', true);
    const groups = await screen.findByRole(
      'combobox',
      { name: 'Groups in chart' },
      { timeout: 10_000 },
    );
    expect(groups).toHaveProperty('value', 'Largest 5 + Other');
  });

  it('opens on the tab it is given and reports every change of the view', async () => {
    const { user, changes } = renderPanel(doneAnswer(usage, { groupBy: 'projects' }), {
      tab: 'rows',
    });
    expect(screen.getByRole('tab', { name: /All usage rows/ }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await user.click(screen.getByRole('tab', { name: /By project and month/ }));
    await user.click(screen.getByRole('switch', { name: /Per day/ }));
    const table = screen.getByRole('table', { name: /Cost by project/ });
    await user.click(within(table).getByRole('button', { name: /^Total/ }));
    await user.type(screen.getByRole('textbox', { name: 'Filter projects' }), 'x');
    expect(changes).toEqual([
      { tab: 'pivot' },
      { perDay: true },
      { sort: { id: 'total', desc: true } },
      { filterText: 'x' },
    ]);
  });

  it('shows a sort by a column the table lacks as no sort', () => {
    renderPanel(doneAnswer(usage, { groupBy: 'projects' }), { sort: { id: 'm9', desc: true } });
    const table = screen.getByRole('table', { name: /Cost by project/ });
    const sorts = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.getAttribute('aria-sort'));
    expect(sorts.filter((sort) => sort === 'ascending' || sort === 'descending')).toEqual([]);
  });

  it('explains an empty result and suggests partial matches', () => {
    renderPanel(doneAnswer([]));
    expect(screen.getByText('Atlas returned no usage for this query')).toBeTruthy();
    expect(screen.getByText(/Jan 2025 – Feb 2025/, { selector: 'div' })).toBeTruthy();
    expect(screen.getByText(/Include partially matching charges/)).toBeTruthy();
    // No rows is not a measured $0: no total is shown as a fact.
    expect(screen.queryByTestId('results-total')).toBeNull();
    expect(screen.queryByText(formatUsd(0))).toBeNull();
  });

  it('does not suggest partial matches when they are already on', () => {
    renderPanel(doneAnswer([], { includePartialMatches: true }));
    expect(screen.queryByText(/Include partially matching charges/)).toBeNull();
    expect(screen.getByText(/Widen the month range/)).toBeTruthy();
  });

  it('labels months answered from the kept history, in words, and says none when there are none', async () => {
    const kept = doneAnswer(usage);
    kept.result.history = [
      { month: '2025-02-01', keptSince: '2026-12-03T09:15:00.000Z' },
      { month: '2025-01-01', keptSince: '2026-12-03T09:14:00.000Z' },
    ];
    const { container, unmount } = renderPanel(kept);
    const note = screen.getByRole('note', { name: "From this dashboard's history" });
    expect(note.textContent).toContain(
      'Jan 2025, Feb 2025: kept by this dashboard since 3 Dec 2026; Atlas no longer serves these months.',
    );
    // Their columns say so too, in the header's words.
    const table = screen.getByRole('table', { name: /^Cost by/ });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.filter((h) => h.textContent.includes('kept by this dashboard'))).toHaveLength(2);
    // The chart is a lazy chunk: axe looks at the panel once it is in.
    const chartTitle = { name: /^Cost per month/ };
    expect(await screen.findByRole('heading', chartTitle, { timeout: 10_000 })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    unmount();
    renderPanel(doneAnswer(usage));
    expect(screen.queryByText(/kept by this dashboard/)).toBeNull();
  });
});

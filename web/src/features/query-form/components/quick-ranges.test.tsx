import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeApi, ORG_ID } from '../../../testing/fake-api';
import { axeViolations } from '../../../testing/axe';
import { installFakeClock, renderWithProviders } from '../../../testing/render';
import { QueryForm } from './query-form';

/** Mid-June 2025: May is last month, Mar–May the last 3 complete months. */
const NOW = new Date('2025-06-15T12:00:00Z');

function renderForm(atlasMonths?: number) {
  const user = installFakeClock(NOW);
  const onRun = vi.fn(() => Promise.resolve());
  const view = renderWithProviders(
    <QueryForm now={NOW} onRun={onRun} submitting={false} atlasMonths={atlasMonths} />,
    { user },
  );
  return { ...view, onRun };
}

const months = () => screen.getByRole('button', { name: /^Months/ }).textContent;

describe('quick ranges next to the Months picker', () => {
  it('set the picker to the months they name, and the query asks for those months', async () => {
    installFakeApi();
    const { user, onRun, container } = renderForm();
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty(
        'value',
        'Acme',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Quick ranges' }));
    const item = await screen.findByRole('menuitem', { name: /^Last 3 complete months/ });
    expect(item.textContent).toContain('Mar 2025 – May 2025');
    await user.click(item);
    expect(months()).toContain('Mar 2025 – May 2025');

    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(
      expect.objectContaining({
        orgId: ORG_ID,
        period: { kind: 'months', first: '2025-03-01', last: '2025-05-01' },
      }),
    );
    vi.useRealTimers(); // axe schedules its own work on real timers
    expect(await axeViolations(container)).toEqual([]);
  });

  it('work from the keyboard', async () => {
    installFakeApi();
    const { user } = renderForm();
    screen.getByRole('button', { name: 'Quick ranges' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    // This month so far → Last month.
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(months()).toContain('May 2025'));
    expect(months()).not.toContain('–');
  });

  it('are disabled when they reach before the months Atlas serves', async () => {
    installFakeApi();
    const { user } = renderForm(6);
    await user.click(screen.getByRole('button', { name: 'Quick ranges' }));
    const twelve = await screen.findByRole('menuitem', { name: /^Last 12 months/ });
    expect(twelve).toHaveProperty('disabled', true);
    const ytd = screen.getByRole('menuitem', { name: /^Year to date/ });
    expect(ytd).toHaveProperty('disabled', false);
  });
});

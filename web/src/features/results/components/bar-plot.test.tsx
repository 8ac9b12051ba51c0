import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render';
import type { CostChartModel } from '../chart-series';
import { BarPlot } from './bar-plot';

const model: CostChartModel = {
  labels: ['Jan 2025', 'Feb 2025', 'Mar 2025 (MTD)'],
  series: [
    { name: 's0', label: 'Shop', color: 'blue.6', cents: [1000, 250, 0] },
    { name: 's1', label: 'Credits', color: 'orange.6', cents: [-300, 0, 40] },
  ],
  monthTotals: [700, 250, 40],
  otherCount: 0,
};

function renderPlot() {
  return renderWithProviders(
    <BarPlot
      model={model}
      height={340}
      tickLabels={new Set([0, 2])}
      rightMargin={5}
      formatTick={(cents) => `$${cents / 100}`}
      tooltip={(m) => <p>Tooltip for {model.labels[m]}</p>}
      label="Cost per month"
    />,
  );
}

describe('BarPlot', () => {
  it('draws one bar per non-zero amount and the chosen month labels', () => {
    const { container } = renderPlot();
    expect(container.querySelectorAll('.chart-bar')).toHaveLength(4);
    expect(screen.getByText('Jan 2025')).toBeTruthy();
    expect(screen.queryByText('Feb 2025')).toBeNull();
    expect(screen.getByText('Mar 2025 (MTD)')).toBeTruthy();
  });

  it('reads month by month from the keyboard, announced, and hides on Escape', async () => {
    const user = userEvent.setup();
    renderPlot();
    const plot = screen.getByRole('group', { name: 'Cost per month' });
    await user.tab();
    expect(document.activeElement).toBe(plot);
    // Focus starts on the latest month.
    expect(screen.getByText('Tooltip for Mar 2025 (MTD)')).toBeTruthy();
    await user.keyboard('{ArrowLeft}');
    const tip = screen.getByText('Tooltip for Feb 2025');
    expect(tip.closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
    await user.keyboard('{Home}');
    expect(screen.getByText('Tooltip for Jan 2025')).toBeTruthy();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByText('Tooltip for Jan 2025')).toBeTruthy();
    await user.keyboard('{End}');
    expect(screen.getByText('Tooltip for Mar 2025 (MTD)')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByText(/^Tooltip for/)).toBeNull();
  });

  it('shows the month under the pointer, and nothing once it leaves', () => {
    const { container } = renderPlot();
    const bars = container.querySelectorAll('.chart-bar');
    // The second month's one bar (Shop, $2.50).
    fireEvent.mouseEnter(bars[2]!.parentElement!);
    const tip = screen.getByText('Tooltip for Feb 2025');
    expect(tip.closest('[aria-live]')).toBeNull();
    fireEvent.mouseLeave(screen.getByRole('group', { name: 'Cost per month' }));
    expect(screen.queryByText(/^Tooltip for/)).toBeNull();
  });
});

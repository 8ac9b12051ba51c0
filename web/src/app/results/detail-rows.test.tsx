import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeApi, ORG_ID, PROJECTS, TWO_PROJECTS_USAGE } from '../../testing/fake-api';
import { installFakeClock, renderWithProviders } from '../../testing/render';
import { AppLayout } from '../app-layout';
import { AppRoutes } from '../app-routes';

// Decision 017: the poll carries the summary; the usage rows are asked for only when the detail
// tab (or an export) needs them, and a failure to get them is said where they would be.

const NOW = new Date('2025-06-15T12:00:00Z');
const P1 = PROJECTS[0]!.id;
const simulated = { timeout: 15_000 };
const LINK = `/?v=1&org=${ORG_ID}&from=2025-02&to=2025-03&p=${P1}&g=projects&run=1`;

function render(options: { failRows?: number } = {}) {
  window.history.replaceState(null, '', LINK);
  const user = installFakeClock(NOW);
  let failures = options.failRows ?? 0;
  const api = installFakeApi({
    now: NOW.toISOString(),
    usage: TWO_PROJECTS_USAGE,
    extra: ({ method, url }) => {
      if (method !== 'GET' || !url.pathname.endsWith('/rows') || failures === 0) return undefined;
      failures -= 1;
      return new Response(
        JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'Try again soon.' }),
        { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
      );
    },
  });
  renderWithProviders(
    <AppLayout>
      <AppRoutes />
    </AppLayout>,
    { user },
  );
  const rowsCalls = () => api.calls.filter((c) => c.path.endsWith('/rows'));
  return { user, rowsCalls };
}

describe('the usage rows of a result', () => {
  it('are asked for only when the detail tab opens, then shown', async () => {
    const { user, rowsCalls } = render();
    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    expect(screen.getByTestId('grand-total').textContent).toBe('$30.50');
    expect(rowsCalls()).toHaveLength(0);
    await user.click(screen.getByRole('tab', { name: 'All usage rows (4)' }));
    const table = await screen.findByTestId('detail-table', {}, simulated);
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(4));
    expect(within(table).getAllByText('Shop').length).toBeGreaterThan(0);
    expect(rowsCalls()).toHaveLength(1);
  });

  it('that fail to load say so where they would be, and load on Try again', async () => {
    const { user, rowsCalls } = render({ failRows: 1 });
    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: /All usage rows/ }));
    const alert = await screen.findByRole('alert', {}, simulated);
    expect(alert.textContent).toContain('The usage rows could not be loaded');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('detail-table', {}, simulated)).toBeTruthy();
    expect(rowsCalls()).toHaveLength(2);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import type { UsageRow } from '@ace/bff/contract';
import { describe, expect, it } from 'vitest';
import { installFakeApi, ORG_ID, PROJECTS, TWO_PROJECTS_USAGE } from '../../testing/fake-api';
import { installFakeClock, renderWithProviders } from '../../testing/render';
import { AppLayout } from '../app-layout';
import { AppRoutes } from '../app-routes';

const NOW = new Date('2025-06-15T12:00:00Z');
const P1 = PROJECTS[0]!.id;
const simulated = { timeout: 15_000 };

const USAGE = TWO_PROJECTS_USAGE;

function renderAt(url: string, usage: UsageRow[] = []) {
  window.history.replaceState(null, '', url);
  const user = installFakeClock(NOW);
  const api = installFakeApi({ now: NOW.toISOString(), usage });
  renderWithProviders(
    <AppLayout>
      <AppRoutes />
    </AppLayout>,
    { user },
  );
  return { user, api };
}

const orgLoaded = () =>
  waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty('value', 'Acme'),
  );
const posts = (api: ReturnType<typeof installFakeApi>) =>
  api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);

describe('the view in the URL', () => {
  it('opens a link with results: the controls it names, run at once', async () => {
    const { api } = renderAt(
      `/?v=1&org=${ORG_ID}&from=2025-02&to=2025-03&p=${P1}&g=projects&run=1`,
    );
    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Months' }).textContent).toContain(
      'Feb 2025 – Mar 2025',
    );
    expect(posts(api).map((call) => call.body)).toEqual([
      {
        orgId: ORG_ID,
        period: { kind: 'months', first: '2025-02-01', last: '2025-03-01' },
        filters: { organizations: [], projects: [P1], clusters: [], services: [] },
        groupBy: 'projects',
        includePartialMatches: false,
        view: {},
      },
    ]);
    // Opening a link is not a new step in the history: the address stays as it was.
    expect(window.location.search).toBe(
      `?v=1&org=${ORG_ID}&from=2025-02&to=2025-03&p=${P1}&g=projects&run=1`,
    );
  });

  it('does not run a link without results, and writes the defaults into the address', async () => {
    const { api } = renderAt('/');
    await orgLoaded();
    await waitFor(() =>
      expect(window.location.search).toBe(`?v=2&org=${ORG_ID}&from=2025-01&to=2025-06`),
    );
    expect(posts(api)).toHaveLength(0);
  });

  it('gives each run an entry; edits replace a draft entry but never a run’s', async () => {
    const { user } = renderAt('/');
    await orgLoaded();
    const start = window.history.length;
    const partial = () =>
      screen.getByRole('switch', { name: 'Include partially matching charges' });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(window.location.search).toMatch(/&run=1$/));
    expect(window.history.length).toBe(start + 1);

    // The first edit after a run keeps the run's entry (for Back) and pushes a draft…
    await user.click(partial());
    await waitFor(() => expect(window.location.search).toMatch(/&partial=1$/));
    expect(window.history.length).toBe(start + 2);
    // …which later edits replace; back to the controls on screen, the link says run=1 again.
    await user.click(partial());
    await waitFor(() => expect(window.location.search).toMatch(/to=2025-06&run=1$/));
    await user.click(partial());
    await waitFor(() => expect(window.location.search).toMatch(/&partial=1$/));
    expect(window.history.length).toBe(start + 2);

    // The next run takes the draft's place: Back from it shows the run before.
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(window.location.search).toMatch(/&partial=1&run=1$/));
    expect(window.history.length).toBe(start + 2);
  });

  it('opens a link with how its results looked, and keeps changes to that in the same entry', async () => {
    const link = `/?v=1&org=${ORG_ID}&from=2025-02&to=2025-03&p=${P1}&g=projects&top=5&perday=1&sort=total.asc&q=sh&run=1`;
    const { user } = renderAt(link, USAGE);
    await screen.findByRole('heading', { name: 'Results' }, simulated);
    const filter = screen.getByRole('textbox', { name: 'Filter projects' });
    expect(filter).toHaveProperty('value', 'sh');
    expect(screen.getByRole('switch', { name: /Per day/ })).toHaveProperty('checked', true);
    const table = screen.getByRole('table', { name: /Cost by project/ });
    expect(
      within(table)
        .getByRole('columnheader', { name: /^Total/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    const entries = window.history.length;

    await user.click(screen.getByRole('switch', { name: /Per day/ }));
    await waitFor(() => expect(window.location.search).not.toContain('perday'));
    await user.type(filter, 'o');
    await waitFor(() => expect(window.location.search).toContain('&q=sho&'));
    await user.click(screen.getByRole('tab', { name: /All usage rows/ }));
    await waitFor(() => expect(window.location.search).toMatch(/&tab=rows&run=1$/));
    expect(window.history.length).toBe(entries);
  });

  it('leaves out a chart size or sort the results cannot show, and says so', async () => {
    renderAt(`/?v=1&org=${ORG_ID}&top=7&sort=nothing.desc`);
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('top')).toBeTruthy();
    expect(within(notice).getByText('sort')).toBeTruthy();
  });

  it('says which parts of a link it ignored and opens the rest', async () => {
    renderAt(`/?v=1&org=nope&from=2025-03&to=2025-04&colour=blue`);
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('Parts of this link were ignored')).toBeTruthy();
    expect(within(notice).getByText('colour')).toBeTruthy();
    expect(within(notice).getByText('org')).toBeTruthy();
    await orgLoaded();
    expect(screen.getByRole('button', { name: 'Months' }).textContent).toContain(
      'Mar 2025 – Apr 2025',
    );
  });

  it('offers the current view’s link, and a preset instead when it is too long', async () => {
    const many = Array.from({ length: 90 }, (_, i) => (i + 1).toString(16).padStart(24, 'c'));
    renderAt(`/?v=1&org=${ORG_ID}&p=${many.join(',')}`);
    await orgLoaded();
    expect(screen.getByText(/more than the 2,000 that can be shared reliably/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy link to this view' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save as preset' })).toBeTruthy();
  });
});

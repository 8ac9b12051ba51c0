import type { PresetInput, UsageRow } from '@ace/bff/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeApi, ORG_ID, PROJECTS, TWO_PROJECTS_USAGE } from '../../testing/fake-api';
import { axeViolations } from '../../testing/axe';
import { createFakePresets } from '../../testing/fake-presets';
import { installFakeClock, renderWithProviders } from '../../testing/render';
import { AppLayout } from '../app-layout';
import { AppRoutes } from '../app-routes';

const NOW = new Date('2025-06-15T12:00:00Z');
const simulated = { timeout: 15_000 };
const INPUT: PresetInput = {
  name: 'Shop, last quarter',
  description: 'For the monthly review',
  query: {
    orgId: ORG_ID,
    period: { kind: 'relative', period: 'last-3-complete-months' },
    filters: { projects: [PROJECTS[0]!.id] },
    groupBy: 'projects',
  },
};

const USAGE = TWO_PROJECTS_USAGE;

function renderApp(url: string, usage: UsageRow[] = []) {
  const user = installFakeClock(NOW);
  const presets = createFakePresets(() => NOW);
  const api = installFakeApi({ now: NOW.toISOString(), extra: presets.handle, usage });
  window.history.replaceState(null, '', url);
  renderWithProviders(
    <AppLayout>
      <AppRoutes />
    </AppLayout>,
    { user },
  );
  return { user, api, presets };
}

function seed(presets: ReturnType<typeof createFakePresets>, input: PresetInput = INPUT) {
  const response = presets.handle({
    method: 'POST',
    url: new URL('http://localhost/api/presets'),
    body: input,
    headers: {},
  });
  expect(response?.status).toBe(201);
  return [...presets.presets.values()].at(-1)!;
}

describe('a preset’s share link', () => {
  it('opens the dashboard with the preset’s controls, resolved for today, and runs it', async () => {
    const { api, presets } = renderApp('/');
    const preset = seed(presets);
    window.history.replaceState(null, '', `/p/${preset.id}`);
    window.dispatchEvent(new PopStateEvent('popstate'));

    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    const banner = screen.getByRole('region', { name: 'Preset' });
    expect(document.title).toBe('Shop, last quarter — Cost Explorer');
    expect(banner.textContent).toContain(
      'Relative: Last 3 complete months (now Mar 2025 – May 2025)',
    );
    expect(screen.getByRole('button', { name: 'Months' }).textContent).toContain(
      'Mar 2025 – May 2025',
    );
    const [post] = api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);
    // The preset's question as stored: the BFF works the relative period out for today.
    expect(post?.body).toEqual({
      orgId: ORG_ID,
      period: { kind: 'relative', period: 'last-3-complete-months' },
      filters: { organizations: [], projects: [PROJECTS[0]!.id], clusters: [], services: [] },
      groupBy: 'projects',
      includePartialMatches: false,
      view: {},
    });
    expect(window.location.pathname).toBe(`/p/${preset.id}`);
  });

  it('puts a newly saved preset’s link in the address bar, with the view it saved', async () => {
    const link = `/?v=1&org=${ORG_ID}&from=2025-02&to=2025-03&p=${PROJECTS[0]!.id}&g=projects&top=5&q=sh&run=1`;
    const { user, presets } = renderApp(link, USAGE);
    await screen.findByRole('heading', { name: 'Results' }, simulated);
    await user.click(screen.getByRole('button', { name: 'Save as preset' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save as preset' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Shop, top 5');
    await user.click(within(dialog).getByRole('button', { name: 'Save preset' }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/p\/[A-Za-z0-9_-]{22}$/));
    expect(window.location.search).toBe('');
    const saved = presets.presets.get(window.location.pathname.slice(3));
    expect(saved?.query.view).toEqual({ chartTopN: 5, filterText: 'sh' });
    // The page was not opened again: the results stay as they were.
    expect(screen.getByRole('textbox', { name: 'Filter projects' })).toHaveProperty('value', 'sh');
  });

  it('shows a friendly page for an unknown or malformed id, with a way to the dashboard', async () => {
    const { user, api } = renderApp('/p/AAAAAAAAAAAAAAAAAAAAAA');
    expect(
      await screen.findByText("This link doesn't lead to a saved view — it may have been deleted."),
    ).toBeTruthy();
    expect(api.callsTo('GET', '/api/presets/AAAAAAAAAAAAAAAAAAAAAA')).toHaveLength(1);
    expect(document.title).toBe('Preset not found — Cost Explorer');

    await user.click(screen.getByRole('link', { name: 'Go to the dashboard' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty(
        'value',
        'Acme',
      ),
    );
    expect(window.location.pathname).toBe('/');
  });

  it('calls a malformed id not found without asking the server', async () => {
    const { api } = renderApp('/p/not-an-id');
    expect(await screen.findByRole('heading', { name: 'Saved view not found' })).toBeTruthy();
    expect(api.callsTo('GET', '/api/presets/')).toHaveLength(0);
  });

  it('saves changes with If-Match, and explains a 412 with a way to reload', async () => {
    const { user, api, presets } = renderApp('/');
    const preset = seed(presets);
    window.history.replaceState(null, '', `/p/${preset.id}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await screen.findByRole('heading', { name: 'Results' }, simulated);
    presets.changeElsewhere(preset.id, { name: 'Renamed elsewhere' });

    await user.click(screen.getByRole('button', { name: 'Save changes…' }));
    const dialog = await screen.findByRole('dialog', { name: `Save changes to “${INPUT.name}”` });
    expect(within(dialog).getByRole('radio', { name: /Relative: Last 3 complete/ })).toHaveProperty(
      'checked',
      true,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Someone else changed this preset')).toBeTruthy();
    const [put] = api.callsTo('PUT', `/api/presets/${preset.id}`);
    expect(put?.headers['if-match']).toBe('"1"');
    expect(presets.presets.get(preset.id)?.name).toBe('Renamed elsewhere');
    vi.useRealTimers(); // axe schedules its own work on real timers
    expect(await axeViolations(dialog)).toEqual([]);
  });
});

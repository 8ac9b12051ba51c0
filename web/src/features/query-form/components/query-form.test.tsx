import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  CLUSTERS,
  DELETED_CLUSTER,
  installFakeApi,
  ORG_ID,
  PROJECTS,
} from '../../../testing/fake-api';
import { defaultPeriod, emptyDraft } from '../../../lib/dashboard-draft';
import { axeViolations } from '../../../testing/axe';
import { installFakeClock, renderWithProviders } from '../../../testing/render';
import { QueryForm } from './query-form';

const NOW = new Date('2025-06-15T12:00:00Z');
const SIX_MONTHS = { kind: 'months', first: '2025-01-01', last: '2025-06-01' } as const;
const NO_FILTERS = { organizations: [], projects: [], clusters: [], services: [] };

function renderForm(onRun = vi.fn(() => Promise.resolve())) {
  // Simulated time: waitFor advances the fake clock, so a slow machine cannot time a test out.
  const user = installFakeClock(NOW);
  const view = renderWithProviders(<QueryForm now={NOW} onRun={onRun} submitting={false} />, {
    user,
  });
  return { ...view, onRun };
}

async function waitForPickers() {
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty('value', 'Acme'),
  );
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Clusters' })).toHaveProperty('disabled', false),
  );
}

async function chooseGroupBy(user: ReturnType<typeof renderForm>['user'], label: string) {
  await user.click(screen.getByRole('combobox', { name: 'Group by' }));
  await user.click(await screen.findByRole('option', { name: label }));
}

describe('QueryForm', () => {
  it('defaults to the first organization and the last 6 months', async () => {
    installFakeApi();
    const { user, onRun } = renderForm();
    await waitForPickers();
    expect(screen.getByRole('button', { name: /Months/ }).textContent).toContain(
      'Jan 2025 – Jun 2025',
    );
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith({
      orgId: ORG_ID,
      period: SIX_MONTHS,
      filters: NO_FILTERS,
      includePartialMatches: false,
      view: {},
    });
  });

  it('groups by clusters without choosing any: the question goes as asked, the BFF names them', async () => {
    installFakeApi();
    const { user, onRun } = renderForm();
    await waitForPickers();
    await chooseGroupBy(user, 'Clusters');
    expect(screen.getByText('All of them, unless you choose some below')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'clusters', filters: NO_FILTERS }),
    );
    expect(screen.queryByRole('group', { name: 'Quick fixes' })).toBeNull();
  });

  it('sends no group-by for "None"', async () => {
    installFakeApi();
    const { user, onRun } = renderForm();
    await waitForPickers();
    await chooseGroupBy(user, 'Services');
    await chooseGroupBy(user, 'None');
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(
      expect.not.objectContaining({ groupBy: expect.anything() as unknown }),
    );
  });

  it('narrows clusters to the chosen projects and drops clusters outside them', async () => {
    const api = installFakeApi();
    const { user, onRun } = renderForm();
    await waitForPickers();
    await user.click(screen.getByRole('combobox', { name: 'Clusters' }));
    await user.click(await screen.findByRole('option', { name: 'ads-prod' }));
    await user.click(await screen.findByRole('option', { name: 'shop-prod' }));

    await user.click(screen.getByRole('combobox', { name: 'Projects' }));
    await user.click(await screen.findByRole('option', { name: 'Shop' }));
    await waitFor(() =>
      expect(
        api.callsTo('GET', `/api/orgs/${ORG_ID}/clusters?projects=${PROJECTS[0]!.id}`),
      ).toHaveLength(1),
    );
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(
      expect.objectContaining({
        period: SIX_MONTHS,
        filters: { ...NO_FILTERS, projects: [PROJECTS[0]!.id], clusters: [CLUSTERS[0]!.id] },
      }),
    );
  });

  it('keeps a deleted cluster a link names, shown as deleted, instead of dropping it', async () => {
    const api = installFakeApi();
    const onRun = vi.fn(() => Promise.resolve());
    const user = installFakeClock(NOW);
    renderWithProviders(
      <QueryForm
        now={NOW}
        onRun={onRun}
        submitting={false}
        initialValues={{
          ...emptyDraft(),
          period: defaultPeriod(NOW),
          orgId: ORG_ID,
          filters: { ...NO_FILTERS, clusters: [DELETED_CLUSTER.id, CLUSTERS[0]!.id] },
        }}
      />,
      { user },
    );
    await waitFor(() =>
      expect(api.callsTo('GET', `/api/orgs/${ORG_ID}/clusters?includeDeleted=true`)).toHaveLength(
        1,
      ),
    );
    expect(await screen.findByText('shop-old (deleted)')).toBeTruthy();
    expect(
      screen.getByRole('checkbox', { name: 'Include deleted clusters (their past costs)' }),
    ).toHaveProperty('checked', true);
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(
      expect.objectContaining({
        filters: expect.objectContaining({ clusters: [DELETED_CLUSTER.id, CLUSTERS[0]!.id] }),
      }),
    );
  });

  it('says when an organization has no projects', async () => {
    installFakeApi({ projects: [] });
    renderForm();
    expect((await screen.findAllByText('No projects in this organization')).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByRole('combobox', { name: 'Projects' })).toHaveProperty('disabled', true);
  });

  it('shows why a picker failed and retries it', async () => {
    const api = installFakeApi({
      projectsProblem: { title: 'Atlas is unavailable', status: 503, detail: 'Try again soon.' },
    });
    const { user } = renderForm();
    expect(await screen.findByText(/Could not load projects: Atlas is unavailable/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Retry loading projects' }));
    await waitFor(() => expect(api.callsTo('GET', `/api/orgs/${ORG_ID}/projects`)).toHaveLength(2));
  });

  it('shows a relative period as the months it means now, and says it is relative', async () => {
    installFakeApi();
    const onRun = vi.fn(() => Promise.resolve());
    const user = installFakeClock(NOW);
    const period = { kind: 'relative', period: 'last-3-complete-months' } as const;
    renderWithProviders(
      <QueryForm
        now={NOW}
        onRun={onRun}
        submitting={false}
        initialValues={{ ...emptyDraft(), orgId: ORG_ID, period }}
      />,
      { user },
    );
    await waitForPickers();
    expect(screen.getByRole('button', { name: /Months/ }).textContent).toContain(
      'Mar 2025 – May 2025',
    );
    expect(screen.getByText('Relative: Last 3 complete months')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledWith(expect.objectContaining({ period })));
  });

  it('has no axe violations, also while showing a validation error', async () => {
    installFakeApi();
    const user = installFakeClock(NOW);
    const { container } = renderWithProviders(
      <QueryForm
        now={NOW}
        onRun={vi.fn(() => Promise.resolve())}
        submitting={false}
        initialValues={{
          ...emptyDraft(),
          orgId: ORG_ID,
          period: { kind: 'months', first: '2023-01-01', last: '2023-03-01' },
        }}
      />,
      { user },
    );
    await waitForPickers();
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await screen.findByText(/^The first month must not be before/);
    vi.useRealTimers(); // axe schedules its own work on real timers
    expect(await axeViolations(container)).toEqual([]);
  });

  it('labels the partial-match switch and explains it', () => {
    installFakeApi();
    renderForm();
    const toggle = screen.getByRole('switch', { name: 'Include partially matching charges' });
    const described = within(document.body).getByText(/such as support and credits/);
    expect(toggle.getAttribute('aria-describedby')).toContain(described.id);
  });
});

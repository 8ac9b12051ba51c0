import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  CLUSTERS,
  DELETED_CLUSTER,
  installFakeApi,
  ORG_ID,
  PROJECTS,
} from '../../../testing/fake-api';
import { defaultQueryFormValues } from '../form-values';
import { axeViolations } from '../../../testing/axe';
import { installFakeClock, renderWithProviders } from '../../../testing/render';
import { QueryForm } from './query-form';

const NOW = new Date('2025-06-15T12:00:00Z');

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
    expect(onRun).toHaveBeenCalledWith(ORG_ID, { startDate: '2025-01-01', endDate: '2025-07-01' });
  });

  it('shows the group-by rule inline and fixes it with one click', async () => {
    installFakeApi();
    const { user, onRun } = renderForm();
    await waitForPickers();
    await chooseGroupBy(user, 'Clusters');

    const message = await screen.findByText('Group by clusters needs at least one cluster');
    const groupBy = screen.getByRole('combobox', { name: 'Group by' });
    expect(groupBy.getAttribute('aria-invalid')).toBe('true');
    expect(groupBy.getAttribute('aria-describedby')).toContain(message.id);

    await user.click(
      screen.getByRole('button', { name: `Select all ${CLUSTERS.length} clusters` }),
    );
    await waitFor(() =>
      expect(screen.queryByText('Group by clusters needs at least one cluster')).toBeNull(),
    );
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(ORG_ID, {
      startDate: '2025-01-01',
      endDate: '2025-07-01',
      clusters: CLUSTERS.map((c) => c.id),
      groupBy: 'clusters',
    });
  });

  it('blocks the run until the group-by rule is met, or the group-by is cleared', async () => {
    installFakeApi();
    const { user, onRun } = renderForm();
    await waitForPickers();
    await chooseGroupBy(user, 'Services');
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect(await screen.findByText('Group by services needs at least one service')).toBeTruthy();
    expect(onRun).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Clear group-by' }));
    await waitFor(() => expect(screen.queryByText(/needs at least one service/)).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
  });

  it('clears the group-by error as soon as a value is picked by hand', async () => {
    installFakeApi();
    const { user } = renderForm();
    await waitForPickers();
    await chooseGroupBy(user, 'Clusters');
    await screen.findByText('Group by clusters needs at least one cluster');
    await user.click(screen.getByRole('combobox', { name: 'Clusters' }));
    await user.click(await screen.findByRole('option', { name: 'ads-prod' }));
    await waitFor(() =>
      expect(screen.queryByText('Group by clusters needs at least one cluster')).toBeNull(),
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
    expect(onRun).toHaveBeenCalledWith(ORG_ID, {
      startDate: '2025-01-01',
      endDate: '2025-07-01',
      projects: [PROJECTS[0]!.id],
      clusters: [CLUSTERS[0]!.id],
    });
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
          ...defaultQueryFormValues(NOW),
          orgId: ORG_ID,
          clusters: [DELETED_CLUSTER.id, CLUSTERS[0]!.id],
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
      ORG_ID,
      expect.objectContaining({ clusters: [DELETED_CLUSTER.id, CLUSTERS[0]!.id] }),
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

  it('has no axe violations, also while showing a validation error', async () => {
    installFakeApi();
    const { user, container } = renderForm();
    await waitForPickers();
    await chooseGroupBy(user, 'Projects');
    await screen.findByText('Group by projects needs at least one project');
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

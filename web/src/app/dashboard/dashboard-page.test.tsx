import type { UsageRow } from '@ace/bff/contract';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { formatUsd } from '../../lib/money';
import { installFakeApi, ORG_ID } from '../../testing/fake-api';
import { installFakeClock, renderWithProviders } from '../../testing/render';
import { AppLayout } from '../app-layout';
import { DashboardPage } from './dashboard-page';

const NOW = new Date('2025-06-15T12:00:00Z');
const USAGE: UsageRow[] = [
  { usageDate: '2025-01-01', usageAmount: 51.19, usageAmountCents: 5119, service: 'Clusters' },
  { usageDate: '2025-02-01', usageAmount: 0.1, usageAmountCents: 10, service: 'Clusters' },
  { usageDate: '2025-02-01', usageAmount: 0.2, usageAmountCents: 20, service: 'Backup' },
];

async function renderDashboard(options: Parameters<typeof installFakeApi>[0] = {}) {
  const user = installFakeClock(NOW);
  const api = installFakeApi({ now: NOW.toISOString(), ...options });
  renderWithProviders(
    <AppLayout>
      <DashboardPage />
    </AppLayout>,
    { user },
  );
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty('value', 'Acme'),
  );
  return { user, api };
}

const status = () => screen.getByRole('status');
const NO_FILTERS = { organizations: [], projects: [], clusters: [], services: [] };
/** The form's default question: the last 6 months, as the BFF receives it. */
const QUESTION = {
  orgId: ORG_ID,
  period: { kind: 'months', first: '2025-01-01', last: '2025-06-01' },
  filters: NO_FILTERS,
  includePartialMatches: false,
  view: {},
};
/** waitFor drives the fake clock; allow enough simulated time for a few polls. */
const simulated = { timeout: 15_000 };
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('the dashboard', () => {
  it('says the data is simulated', async () => {
    await renderDashboard({ dataSource: 'simulator' });
    expect(screen.getByRole('heading', { name: 'Atlas Cost Explorer' })).toBeTruthy();
    expect(screen.getByText('Simulated data')).toBeTruthy();
  });

  it('runs a query: shows progress with elapsed time, then the results', async () => {
    const { user, api } = await renderDashboard({ processingPolls: 2, usage: USAGE });
    await user.click(screen.getByRole('button', { name: 'Run query' }));

    await waitFor(() => expect(within(status()).getByText('Running query…')).toBeTruthy());
    await advance(1000);
    expect(within(status()).getByText(/^\d+ s elapsed$/).textContent).not.toBe('0 s elapsed');

    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    expect(within(status()).queryByText('Running query…')).toBeNull();
    // The tab names the organization and the months, as short as a tab has room for.
    expect(document.title).toBe('Cost Explorer — Acme · Jan–Jun 2025');
    expect(screen.getByTestId('results-total').textContent).toBe(`Total ${formatUsd(5149)} USD`);
    const table = await screen.findByRole('table', { name: 'Cost by service and month (USD)' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent?.replace('↕', ''));
    expect(headers).toEqual([
      'Service',
      'Jan 2025',
      'Feb 2025',
      'Mar 2025',
      'Apr 2025',
      'May 2025may still change',
      'Jun 2025month to date, provisional',
      'Total',
      // The last two complete months, not June so far (15 of 30 days) against all of May.
      'Change ($)May 2025 vs Apr 2025',
      'Change (%)May 2025 vs Apr 2025',
    ]);

    const [post] = api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);
    // The question as the person asked it: inclusive months, no Atlas rules applied here.
    expect(post?.body).toEqual(QUESTION);
    expect(post?.headers['x-csrf']).toBe('1');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(api.calls.every((call) => call.headers['x-csrf'] === '1')).toBe(true);
    const polls = api.callsTo('GET', `/api/orgs/${ORG_ID}/cost-queries/`);
    expect(polls).toHaveLength(3);
    // Long polls: the BFF holds each until the query changes, so the next can follow at once.
    expect(polls.every((poll) => poll.path.endsWith('?wait=20'))).toBe(true);
  });

  it('drills into a service by project and steps back without asking again', async () => {
    const { user, api } = await renderDashboard({ usage: USAGE });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    const table = await screen.findByRole('table', { name: /Cost by service/ }, simulated);

    await user.click(
      within(table).getByRole('button', { name: /^Clusters\W+break down by project$/ }),
    );
    await screen.findByRole('table', { name: /Cost by project/ }, simulated);
    const trail = screen.getByRole('navigation', { name: 'Drill-down' });
    const posts = api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);
    expect(posts).toHaveLength(2);
    // The parent question narrowed to the group; the BFF names every project to group by.
    expect(posts[1]?.body).toEqual({
      ...QUESTION,
      filters: { ...NO_FILTERS, services: ['Clusters'] },
      groupBy: 'projects',
    });
    expect(api.callsTo('GET', `/api/orgs/${ORG_ID}/projects`)).toHaveLength(1); // the form's picker
    expect(within(trail).getByText('Clusters · by project').getAttribute('aria-current')).toBe(
      'page',
    );

    await user.click(within(trail).getByRole('button', { name: 'Your query · by service' }));
    expect(await screen.findByRole('table', { name: /Cost by service/ })).toBeTruthy();
    expect(screen.getByText('Your query · by service').getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
    expect(api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`)).toHaveLength(2);
  });

  it('watches a drill-down step like the form’s query: elapsed time, then cancel (DELETE)', async () => {
    const { user, api } = await renderDashboard({
      usage: USAGE,
      // The form's query answers at once; the drill-down step keeps processing.
      processingPollsFor: (query) => (query.groupBy === 'projects' ? 1000 : 0),
    });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    const table = await screen.findByRole('table', { name: /Cost by service/ }, simulated);
    await user.click(
      within(table).getByRole('button', { name: /^Clusters\W+break down by project$/ }),
    );
    expect(await screen.findByText('Running query…')).toBeTruthy();
    await advance(3000);
    expect(screen.getByText(/^\d+ s elapsed$/).textContent).not.toBe('0 s elapsed');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(api.callsTo('DELETE', `/api/orgs/${ORG_ID}/cost-queries/`)).toHaveLength(1),
    );
    expect(await screen.findByRole('table', { name: /Cost by service/ })).toBeTruthy();
    const polls = api.callsTo('GET', `/api/orgs/${ORG_ID}/cost-queries/`).length;
    await advance(30_000);
    expect(api.callsTo('GET', `/api/orgs/${ORG_ID}/cost-queries/`)).toHaveLength(polls);
  });

  it('shows a failed drill-down step in the same panel, and Retry asks again as a new job', async () => {
    let failing = true;
    const { user, api } = await renderDashboard({
      usage: USAGE,
      failureFor: (query) =>
        failing && query.groupBy === 'projects'
          ? { title: 'Atlas timed out', detail: 'No answer after 120 s.', status: 504 }
          : undefined,
    });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    const table = await screen.findByRole('table', { name: /Cost by service/ }, simulated);
    await user.click(
      within(table).getByRole('button', { name: /^Clusters\W+break down by project$/ }),
    );
    expect(await screen.findByText('Query failed: Atlas timed out', {}, simulated)).toBeTruthy();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: /Cost by project/ }, simulated)).toBeTruthy();
    const posts = api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);
    expect(posts).toHaveLength(3);
    expect(posts[2]?.body).toEqual(posts[1]?.body);
  });

  it('cancels a running query: DELETE, back to idle, no more polling', async () => {
    const { user, api } = await renderDashboard({ processingPolls: 1000 });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(within(status()).getByText('Running query…')).toBeTruthy());

    await user.click(within(status()).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(api.callsTo('DELETE', `/api/orgs/${ORG_ID}/cost-queries/`)).toHaveLength(1),
    );
    expect(status().textContent).toBe('');
    const polls = api.callsTo('GET', `/api/orgs/${ORG_ID}/cost-queries/`).length;
    await advance(30_000);
    expect(api.callsTo('GET', `/api/orgs/${ORG_ID}/cost-queries/`)).toHaveLength(polls);
  });

  it('shows why a query failed and retries the same query', async () => {
    const { user, api } = await renderDashboard({
      usage: USAGE,
      createProblems: [
        { status: 503, title: 'Atlas is unavailable', detail: 'Atlas did not answer in time.' },
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() =>
      expect(within(status()).getByText('Atlas did not answer in time.')).toBeTruthy(),
    );
    expect(within(status()).getByText('Query failed: Atlas is unavailable')).toBeTruthy();

    await user.click(within(status()).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    const posts = api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body).toEqual(posts[0]?.body);
  });

  it('shows a failure that Atlas reported while the query ran', async () => {
    const { user } = await renderDashboard({
      failure: { title: 'Atlas timed out', detail: 'No answer after 120 s.', status: 504 },
    });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(
      () => expect(within(status()).getByText('No answer after 120 s.')).toBeTruthy(),
      simulated,
    );
    expect(within(status()).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('puts a 400 from the server on the field it names and keeps what was chosen', async () => {
    const { user } = await renderDashboard({
      createProblems: [
        {
          status: 400,
          title: 'Invalid cost query',
          errors: [{ field: 'period.first', message: 'must not be before 2025-02-01' }],
        },
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect(await screen.findByText('The first month must not be before 2025-02-01')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Months' }).textContent).toContain(
      'Jan 2025 – Jun 2025',
    );
    expect(status().textContent).toBe('');
  });

  it('explains an empty result', async () => {
    const { user } = await renderDashboard({ usage: [] });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect(
      await screen.findByText('Atlas returned no usage for this query', {}, simulated),
    ).toBeTruthy();
    expect(screen.getByText(/Turn on “Include partially matching charges”/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

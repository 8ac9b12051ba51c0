import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FakeRequest } from '../../testing/fake-api';
import { installFakeApi, ORG_ID } from '../../testing/fake-api';
import { installFakeClock, renderWithProviders } from '../../testing/render';
import { DashboardPage } from './dashboard-page';

const NOW = new Date('2025-06-15T12:00:00Z');
const simulated = { timeout: 30_000 };
const POLL = new RegExp(`^/api/orgs/${ORG_ID}/cost-queries/[^/]+$`);
const status = () => screen.getByRole('status');
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

async function renderDashboard(
  extra: (request: FakeRequest) => Response | undefined,
  longPollHoldMs?: number,
) {
  const user = installFakeClock(NOW);
  const api = installFakeApi({
    now: NOW.toISOString(),
    processingPolls: 2,
    extra,
    ...(longPollHoldMs !== undefined && { longPollHoldMs }),
  });
  renderWithProviders(<DashboardPage />, { user });
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty('value', 'Acme'),
  );
  return { user, api };
}

const answer = (status: number, body: unknown = { title: 'Bad Gateway', status }) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

describe('polling and freshness on the page', () => {
  it('rides out a BFF restart: no answer, 502 and 503 show "Reconnecting…", then the result', async () => {
    let down = 0;
    const { user, api } = await renderDashboard(({ method, url }) => {
      if (method !== 'GET' || !POLL.test(url.pathname) || down === 0) return undefined;
      down -= 1;
      if (down === 2) throw new TypeError('Failed to fetch'); // the BFF is not listening
      return answer(down === 1 ? 502 : 503);
    });
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(within(status()).getByText('Running query…')).toBeTruthy());
    down = 3;
    expect(await within(status()).findByText(/^Reconnecting…/, {}, simulated)).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    expect(within(status()).queryByText(/Reconnecting/)).toBeNull();
    expect(api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`)).toHaveLength(1);
  });

  it('fails at once when the restarted BFF does not know the query (404)', async () => {
    let gone = false;
    const { user } = await renderDashboard(({ method, url }) =>
      gone && method === 'GET' && POLL.test(url.pathname)
        ? answer(404, { title: 'Cost query not found', status: 404 })
        : undefined,
    );
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(within(status()).getByText('Running query…')).toBeTruthy());
    gone = true;
    expect(
      await within(status()).findByText('Query failed: Cost query not found', {}, simulated),
    ).toBeTruthy();
  });

  it('counts down while Atlas asks to wait and shows the API capacity', async () => {
    // The BFF's wait, as it says it in every answer until the wait is over.
    let waitingUntil: string | undefined;
    const { user } = await renderDashboard(({ method, url }) => {
      if (method !== 'GET' || !POLL.test(url.pathname)) return undefined;
      waitingUntil ??= new Date(Date.now() + 12_000).toISOString();
      const createdAt = new Date(Date.now() - 1000).toISOString();
      return new Response(
        JSON.stringify({
          id: url.pathname.split('/').at(-1),
          orgId: ORG_ID,
          query: {
            orgId: ORG_ID,
            period: { kind: 'months', first: '2025-01-01', last: '2025-06-01' },
            filters: { organizations: [], projects: [], clusters: [], services: [] },
            includePartialMatches: false,
            view: {},
          },
          months: { first: '2025-01-01', last: '2025-06-01' },
          organizations: [ORG_ID],
          createdAt,
          status: 'processing',
          elapsedMs: 1000,
          waitingUntil,
          apiCapacity: { remaining: 412, limit: 500 },
        }),
        { headers: { 'Content-Type': 'application/json', 'Retry-After': '30' } },
      );
      // Nothing changes during the countdown: the BFF holds each poll for its whole wait.
    }, 20_000);
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect(
      await within(status()).findByText('Atlas asked us to wait — retrying in 12 s', {}, simulated),
    ).toBeTruthy();
    expect(within(status()).getByText('API capacity: 412 of 500 requests left')).toBeTruthy();
    await advance(5_000);
    expect(within(status()).getByText('Atlas asked us to wait — retrying in 7 s')).toBeTruthy();
  });

  it('says how old the data is and refreshes it past the cache', async () => {
    const { user, api } = await renderDashboard(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await screen.findByRole('heading', { name: 'Results' }, simulated);
    expect(within(status()).getByText('Data from just now')).toBeTruthy();
    await advance(3 * 60_000);
    expect(within(status()).getByText('Data from 3 minutes ago')).toBeTruthy();

    await user.click(within(status()).getByRole('button', { name: 'Refresh' }));
    await screen.findByRole('heading', { name: 'Results' }, simulated);
    const posts = api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);
    expect(posts.map((call) => call.path)).toEqual([
      `/api/orgs/${ORG_ID}/cost-queries`,
      `/api/orgs/${ORG_ID}/cost-queries?refresh=true`,
    ]);
    expect(posts[1]?.body).toEqual(posts[0]?.body);
  });
});

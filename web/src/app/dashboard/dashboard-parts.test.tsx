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

async function renderDashboard(extra: (request: FakeRequest) => Response | undefined) {
  const user = installFakeClock(NOW);
  // Once `extra` passes, the next poll finds the query done.
  const api = installFakeApi({ now: NOW.toISOString(), processingPolls: 0, extra });
  renderWithProviders(<DashboardPage />, { user });
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty('value', 'Acme'),
  );
  return { user, api };
}

/** A processing answer of a group-by asked of Atlas in `total` parts, `done` of them answered. */
function processing(url: URL, parts: { done: number; total: number }): Response {
  const query = {
    orgId: ORG_ID,
    period: { kind: 'months', first: '2025-01-01', last: '2025-06-01' },
    filters: { organizations: [], projects: [], clusters: [], services: [] },
    groupBy: 'clusters',
    includePartialMatches: false,
    view: {},
  };
  const body = {
    id: url.pathname.split('/').at(-1),
    orgId: ORG_ID,
    query,
    months: { first: '2025-01-01', last: '2025-06-01' },
    organizations: [ORG_ID],
    createdAt: new Date(Date.now() - 1000).toISOString(),
    status: 'processing',
    elapsedMs: 1000,
    parts,
  };
  return new Response(JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
  });
}

describe('a question asked of Atlas in parts', () => {
  it('groups by clusters with none chosen, and the status tells how many parts have answered', async () => {
    let done = 0;
    let finished = false;
    const { user, api } = await renderDashboard(({ method, url }) =>
      !finished && method === 'GET' && POLL.test(url.pathname)
        ? processing(url, { done, total: 27 })
        : undefined,
    );
    await user.click(screen.getByRole('combobox', { name: 'Group by' }));
    await user.click(screen.getByRole('option', { name: 'Clusters' }));
    await user.click(screen.getByRole('button', { name: 'Run query' }));

    // Nothing chosen is a question the page asks as it is: the BFF names every cluster.
    const [post] = api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`);
    expect(post?.body).toMatchObject({ groupBy: 'clusters', filters: { clusters: [] } });
    const note = await within(status()).findByText(
      'Asking Atlas in 27 parts: 0 answered',
      {},
      simulated,
    );
    expect(within(status()).getByText('Running query…')).toBeTruthy();

    // Polls that bring no new answer leave the note alone: the live region has nothing to say.
    const changed: MutationRecord[] = [];
    const changes = new MutationObserver((records) => changed.push(...records));
    changes.observe(note, { subtree: true, childList: true, characterData: true });
    await advance(3_000);
    expect(changed).toEqual([]);

    done = 3;
    await advance(2_000);
    expect(within(status()).getByText('Asking Atlas in 27 parts: 3 answered')).toBe(note);
    expect(changed).not.toEqual([]);
    changes.disconnect();

    finished = true;
    expect(await screen.findByRole('heading', { name: 'Results' }, simulated)).toBeTruthy();
    expect(within(status()).queryByText(/Asking Atlas/)).toBeNull();
  });
});

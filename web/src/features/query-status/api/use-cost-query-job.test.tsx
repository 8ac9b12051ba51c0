import type { DashboardQuery } from '@ace/bff/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { installFakeApi, ORG_ID } from '../../../testing/fake-api';
import { createTestQueryClient } from '../../../testing/render';
import { costQueryJobQueryOptions, type JobRequest } from './cost-query-job';
import { useCostQueryJob } from './use-cost-query-job';

const QUESTION: DashboardQuery = {
  orgId: ORG_ID,
  period: { kind: 'months', first: '2025-01-01', last: '2025-06-01' },
  filters: { organizations: [], projects: [], clusters: [], services: [] },
  includePartialMatches: false,
  view: {},
};
const UNAVAILABLE = { status: 503, title: 'Atlas is unavailable', detail: 'No answer in time.' };

function watchJobs() {
  const client = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(
    ({ request }: { request: JobRequest | null }) => useCostQueryJob(request, 0),
    { wrapper, initialProps: { request: null as JobRequest | null } },
  );
  return { client, ...hook };
}

describe('the job-watching engine', () => {
  it('shows a create that failed before the page watched it, without POSTing it again', async () => {
    const api = installFakeApi({ createProblems: [UNAVAILABLE] });
    const { client, result, rerender } = watchJobs();
    const request: JobRequest = { query: QUESTION, attempt: 1 };
    // As the form's run does: the POST starts at the click, and a quick 503 can land before
    // the page's next render has switched its watcher to the new job.
    await client.fetchQuery(costQueryJobQueryOptions(request)).catch(() => undefined);
    rerender({ request });

    await waitFor(() => expect(result.current.phase.kind).toBe('failed'));
    expect(result.current.phase).toMatchObject({ title: 'Atlas is unavailable' });
    expect(api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`)).toHaveLength(1);
  });

  it('shows a failed job again when the watcher comes back to it, without POSTing it again', async () => {
    const api = installFakeApi({ createProblems: [UNAVAILABLE] });
    const { result, rerender } = watchJobs();
    const failing: JobRequest = { query: QUESTION, attempt: 1 };
    rerender({ request: failing });
    await waitFor(() => expect(result.current.phase.kind).toBe('failed'));
    // Another question (a drill-down step), then back to the failed one: Retry is the way to
    // ask it again, never the step back itself.
    rerender({ request: { query: { ...QUESTION, includePartialMatches: true }, attempt: 1 } });
    rerender({ request: failing });

    await waitFor(() => expect(result.current.phase.kind).toBe('failed'));
    expect(api.callsTo('POST', `/api/orgs/${ORG_ID}/cost-queries`)).toHaveLength(2);
  });
});

import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { emptyDraft } from '../../../lib/dashboard-draft';
import { installFakeApi, ORG_ID } from '../../../testing/fake-api';
import { installFakeClock, renderWithProviders } from '../../../testing/render';
import { QueryForm, type QueryFormProps } from './query-form';

/** Atlas serves 12 months here (Dec 2025 on); the dashboard kept months back to Jul 2025. */
const NOW = new Date('2026-12-03T12:00:00Z');
const KEPT = { atlasMonths: 12, earliestKeptMonth: '2025-07-01' };
const KEPT_HINT =
  'Months before Dec 2025 come from what this dashboard kept; Atlas no longer serves them';
const JUL_AUG_2025 = { kind: 'months', first: '2025-07-01', last: '2025-08-01' } as const;

function renderForm(props: Partial<QueryFormProps> = {}) {
  const user = installFakeClock(NOW);
  const onRun = vi.fn(() => Promise.resolve());
  renderWithProviders(
    <QueryForm now={NOW} atlasMonths={12} onRun={onRun} submitting={false} {...props} />,
    { user },
  );
  return { user, onRun };
}

async function openLastYear(user: ReturnType<typeof renderForm>['user']) {
  await user.click(screen.getByRole('button', { name: /^Months/ }));
  // The calendar's code is fetched on first open (form-period-range.tsx): slow under load.
  await user.click(
    await screen.findByRole('button', { name: 'Previous year' }, { timeout: 10_000 }),
  );
  expect(await screen.findByRole('button', { name: '2025' })).toBeTruthy();
}

const month = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name });

describe('the month picker and kept history', () => {
  it('offers months back to the oldest kept month, says where they come from, and runs them', async () => {
    installFakeApi({ now: NOW.toISOString(), history: KEPT });
    const { user, onRun } = renderForm();
    expect(await screen.findByText(KEPT_HINT)).toBeTruthy();
    // The hint is the picker's description, read out with it.
    const picker = screen.getByRole('button', { name: /^Months/ });
    expect(picker.getAttribute('aria-describedby')).toBe(screen.getByText(KEPT_HINT).id);
    await openLastYear(user);
    expect(month('Jun').disabled).toBe(true);
    expect(month('Jul').disabled).toBe(false);
    await user.click(month('Jul'));
    await user.click(month('Aug'));
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(expect.objectContaining({ period: JUL_AUG_2025 }));
  });

  it("keeps to Atlas's window when the history cannot be loaded, without blocking the form", async () => {
    installFakeApi({
      now: NOW.toISOString(),
      historyProblem: { title: 'Service Unavailable', status: 503 },
    });
    const { user, onRun } = renderForm();
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Organization' })).toHaveProperty(
        'value',
        'Acme',
      ),
    );
    await openLastYear(user);
    expect(month('Nov').disabled).toBe(true);
    expect(month('Dec').disabled).toBe(false);
    expect(screen.queryByText(KEPT_HINT)).toBeNull();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
  });

  it('runs a link to kept months once the history is in, not rejecting it first', async () => {
    installFakeApi({ now: NOW.toISOString(), history: KEPT });
    const { onRun } = renderForm({
      initialValues: { ...emptyDraft(), orgId: ORG_ID, period: JUL_AUG_2025 },
      runOnMount: true,
    });
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(onRun).toHaveBeenCalledWith(expect.objectContaining({ period: JUL_AUG_2025 }));
    expect(screen.queryByText(/must not be before/)).toBeNull();
  });
});

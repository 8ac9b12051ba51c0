import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo } from 'react';
import { useMeta } from '../../features/meta/api/meta-query';
import { orgsQueryOptions } from '../../features/query-form/api/picker-queries';
import { QueryForm } from '../../features/query-form/components/query-form';
import { useCostQueryRun } from '../../features/query-status/api/use-cost-query-run';
import { QueryStatusPanel } from '../../features/query-status/components/query-status-panel';
import { IgnoredParamsNotice } from '../../features/url-state/lazy';
import { toApiError } from '../../lib/api-client';
import { dashboardTitle, titled, usePageTitle } from '../page-title';
import { DashboardToolbar } from './dashboard-toolbar';
import { preloadResultViews, resultsSection } from '../results/lazy-views';
import { useDashboardView, type DashboardInitial } from './use-dashboard-view';

const ResultsSection = resultsSection.Component;

/** The core flow: filters → run (poll, cancel, retry) → results; the view lives in the URL. */
export function DashboardPage({ initial }: { initial?: DashboardInitial }) {
  const meta = useMeta();
  const run = useCostQueryRun();
  const serverNow = meta.data?.now;
  const now = useMemo(() => (serverNow ? new Date(serverNow) : null), [serverNow]);
  const view = useDashboardView(initial, run.start, now);
  const running = run.phase.kind === 'running';
  // The form loads the organizations anyway: the title reads the same cached list.
  const orgs = useQuery({ ...orgsQueryOptions(), enabled: now !== null });
  const { orgId, period } = view.state.query;
  usePageTitle(
    meta.isError
      ? titled('Cannot start')
      : dashboardTitle({
          presetName: view.preset?.preset.name,
          orgName: orgs.data?.items.find((org) => org.id === orgId)?.name,
          period,
          now,
        }),
  );
  useEffect(() => {
    if (running) preloadResultViews();
  }, [running]);

  if (meta.isError) {
    const error = toApiError(meta.error);
    return (
      <Alert color="red" title={`Cannot start: ${error.title}`} role="alert">
        {error.detail && (
          <Text size="sm" mb="sm">
            {error.detail}
          </Text>
        )}
        <Button
          variant="light"
          color="red"
          onClick={() => void meta.refetch()}
          loading={meta.isFetching}
        >
          Retry
        </Button>
      </Alert>
    );
  }
  if (!now) {
    return (
      <Stack aria-busy="true" aria-label="Loading">
        <Skeleton height={220} radius="sm" />
        <Skeleton height={48} radius="sm" />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {/* Keyed: what restoring the drill-down could not use is shown even after a dismissal. */}
      <IgnoredParamsNotice key={view.ignored.length} ignored={view.ignored} />
      <DashboardToolbar
        state={view.state}
        now={now}
        preset={view.preset}
        onSavedAsPreset={view.onSavedAsPreset}
      />
      <QueryForm
        now={now}
        atlasMonths={meta.data?.retentionMonths}
        submitting={run.submitting}
        {...view.formProps}
      />
      <QueryStatusPanel
        phase={run.phase}
        onCancel={run.cancel}
        onRetry={run.retry}
        onRefresh={run.refresh}
      />
      {run.phase.kind === 'done' && (
        <Suspense fallback={<Skeleton height={480} radius="sm" aria-label="Loading the results" />}>
          {/* A new query starts a new drill-down trail. */}
          <ResultsSection
            key={run.phase.result.id}
            root={run.phase.result}
            now={now}
            {...view.results}
          />
        </Suspense>
      )}
    </Stack>
  );
}

import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useMeta } from '../features/meta/api/meta-query';
import { QueryForm } from '../features/query-form/components/query-form';
import { useCostQueryRun } from '../features/query-status/api/use-cost-query-run';
import { QueryStatusPanel } from '../features/query-status/components/query-status-panel';
import { ResultsPanel } from '../features/results/components/results-panel';
import { toApiError } from '../lib/api-client';

/** The core flow: filters → run (poll, cancel, retry) → results. */
export function DashboardPage() {
  const meta = useMeta();
  const run = useCostQueryRun();
  const serverNow = meta.data?.now;
  const now = useMemo(() => (serverNow ? new Date(serverNow) : null), [serverNow]);

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
      <QueryForm now={now} onRun={run.start} submitting={run.submitting} />
      <QueryStatusPanel phase={run.phase} onCancel={run.cancel} onRetry={run.retry} />
      {run.phase.kind === 'done' && <ResultsPanel done={run.phase.result} now={now} />}
    </Stack>
  );
}

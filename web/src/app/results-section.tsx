import { Stack } from '@mantine/core';
import type { CostQueryDone } from '@ace/bff/contract';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { DrillBreadcrumb } from '../features/drill-down/components/drill-breadcrumb';
import {
  costQueryResultKeys,
  costQueryResultQueryOptions,
} from '../features/query-status/api/cost-query-result';
import type { CostQueryRunPhase } from '../features/query-status/api/use-cost-query-run';
import { QueryStatusPanel } from '../features/query-status/components/query-status-panel';
import { toApiError } from '../lib/api-client';
import { ResultView } from './result-view';
import { useDrillStack } from './use-drill-stack';
import { useNameDirectory } from './use-name-directory';

interface ResultsSectionProps {
  root: CostQueryDone;
  now: Date;
}

/**
 * The results of the form's query and of every drill-down step from it. Loaded lazily: the
 * first screen (the form) needs none of this, nor the chart and table libraries behind it.
 */
export default function ResultsSection({ root, now }: ResultsSectionProps) {
  const queryClient = useQueryClient();
  const drill = useDrillStack(root);
  const { current, depth } = drill;
  const orgIds = [root.orgId, ...(current.request.organizations ?? [])];
  const directory = useNameDirectory([...new Set(orgIds)]);
  const options = costQueryResultQueryOptions(root.orgId, current.request);
  const drilled = useQuery({ ...options, queryFn: depth > 0 ? options.queryFn : skipToken });
  const done = depth === 0 ? root : drilled.data;
  const phase: CostQueryRunPhase = drilled.isError
    ? { kind: 'failed', ...pick(toApiError(drilled.error)) }
    : { kind: 'running', since: current.startedAt };

  // The trail stays mounted while steps load, so focus and screen readers keep their place.
  return (
    <Stack gap="sm">
      <DrillBreadcrumb
        crumbs={drill.steps}
        onStep={(index) => drill.stepTo(index)}
        canDrill={drill.canDrill(current.dimension) !== null}
      />
      {done ? (
        <ResultView done={done} now={now} directory={directory} drill={drill} />
      ) : (
        <QueryStatusPanel
          phase={phase}
          onCancel={() => {
            void queryClient.cancelQueries({
              queryKey: costQueryResultKeys.of(root.orgId, current.request),
            });
            drill.stepTo(depth - 1);
          }}
          onRetry={() => {
            drill.restartCurrent();
            void drilled.refetch();
          }}
        />
      )}
    </Stack>
  );
}

function pick(error: { title: string; detail: string | undefined }) {
  return { title: error.title, detail: error.detail };
}

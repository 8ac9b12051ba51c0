import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import type { CostQueryDone, DrillPathStep } from '@ace/bff/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useMemo, useRef, type ComponentProps } from 'react';
import { DrillGap } from '../../features/drill-down/components/drill-gap';
import { drillAction } from '../../features/drill-down/drill-plan';
import { usageRowsQueryOptions } from '../../features/detail/api/usage-rows-query';
import { detailTable } from '../../features/detail/lazy';
import { ExportMenu } from '../../features/export/components/export-menu';
import { buildCostPivot } from '../../features/results/build-cost-pivot';
import type { CostPivot, PivotRow } from '../../features/results/pivot-types';
import type { DrillControl } from '../../features/results/components/pivot-columns';
import { ResultsPanel } from '../../features/results/components/results-panel';
import { toApiError } from '../../lib/api-client';
import type { NameDirectory } from '../../lib/entity-names';
import { DIMENSION_NOUN } from '../../lib/usage-fields';
import type { useDrillStack } from './use-drill-stack';

const DetailTable = detailTable.Component;

/** What ResultView hands to the panel as it gets it; it fills the panel's other props itself. */
type PassedToPanel = Pick<
  ComponentProps<typeof ResultsPanel>,
  'done' | 'now' | 'view' | 'onViewChange'
>;

interface ResultViewProps extends PassedToPanel {
  directory: NameDirectory;
  drill: ReturnType<typeof useDrillStack>;
  /** The next step of a link's drill-down to restore from these results, if any. */
  restore: DrillPathStep | undefined;
  onRestoreMissing: (step: DrillPathStep) => void;
}

/** One finished result: the results feature's panel, with drill-down, export and detail rows. */
export function ResultView(props: ResultViewProps) {
  const { directory, drill, restore, onRestoreMissing, ...panel } = props;
  const { done, now } = props;
  const { summary, totals } = done.result;
  const pivot = useMemo(() => buildCostPivot(summary, directory), [summary, directory]);
  const queryClient = useQueryClient();
  // The rows are not in the poll (decision 017): asked for when an export needs them.
  const loadRows = useCallback(
    () => queryClient.fetchQuery(usageRowsQueryOptions(done)),
    [queryClient, done],
  );
  const { canDrill, drillInto } = drill;
  const control = useMemo((): DrillControl | undefined => {
    const next = canDrill(pivot.dimension);
    if (!next) return undefined;
    return {
      actionFor: (row: PivotRow) => (row.id && !row.unattributed ? drillAction(next) : null),
      onDrill: (row: PivotRow) => {
        if (!row.id) return;
        drillInto({
          dimension: pivot.dimension,
          id: row.id,
          label: row.label,
          totalCents: row.totalCents,
        });
      },
    };
  }, [canDrill, drillInto, pivot.dimension]);
  useRestoreStep(restore, pivot, drill, onRestoreMissing);
  const parent = drill.current.parent;
  const trail = drill.depth > 0 ? drill.steps.map((s) => s.label).join(' › ') : undefined;

  return (
    <ResultsPanel
      {...panel}
      pivot={pivot}
      drill={control}
      notice={
        parent && (
          <DrillGap
            parentLabel={parent.label}
            parentTotalCents={parent.totalCents}
            totalCents={pivot.grandTotalCents}
            dimension={pivot.dimension}
          />
        )
      }
      actions={
        <ExportMenu
          noun={DIMENSION_NOUN[pivot.dimension]}
          pivot={pivot}
          rowCount={totals.rowCount}
          loadRows={loadRows}
          directory={directory}
          source={{
            orgName: directory.find('organizations', done.orgId, done.orgId) ?? undefined,
            done,
            trail,
            now,
          }}
        />
      }
      detail={<DetailRows done={done} directory={directory} />}
    />
  );
}

/**
 * The detail tab: the query's rows, fetched when the tab is first opened (the tabs mount their
 * panel only when shown), then the table (its code loaded lazily too).
 */
function DetailRows({ done, directory }: { done: CostQueryDone; directory: NameDirectory }) {
  const rows = useQuery(usageRowsQueryOptions(done));
  if (rows.isError) {
    return (
      <Alert color="red" title="The usage rows could not be loaded" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{toApiError(rows.error).detail}</Text>
          <Button variant="default" size="xs" onClick={() => void rows.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  const loading = (
    <Skeleton
      height={400}
      aria-label={`Loading ${done.result.totals.rowCount.toLocaleString()} usage rows`}
    />
  );
  if (!rows.data) return loading;
  return (
    <Suspense fallback={loading}>
      <DetailTable rows={rows.data} directory={directory} />
    </Suspense>
  );
}

/**
 * Restores one step of a link's drill-down: the same group as the user would choose it here,
 * once. A group these results do not have (or cannot break down) ends the restoring.
 */
function useRestoreStep(
  restore: DrillPathStep | undefined,
  pivot: CostPivot,
  drill: ReturnType<typeof useDrillStack>,
  onMissing: (step: DrillPathStep) => void,
) {
  const started = useRef<string | null>(null);
  const { depth, canDrill, drillInto } = drill;
  useEffect(() => {
    if (!restore) return;
    const key = `${depth}:${restore.dimension}:${restore.id}`;
    if (started.current === key) return;
    started.current = key;
    const row =
      pivot.dimension === restore.dimension
        ? pivot.rows.find((r) => r.id === restore.id && !r.unattributed)
        : undefined;
    if (!row?.id || !canDrill(pivot.dimension)) {
      onMissing(restore);
      return;
    }
    drillInto(
      {
        dimension: pivot.dimension,
        id: row.id,
        label: row.label,
        totalCents: row.totalCents,
      },
      'restore',
    );
  }, [restore, pivot, depth, canDrill, drillInto, onMissing]);
}

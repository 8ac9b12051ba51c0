import { Skeleton } from '@mantine/core';
import type { DrillPathStep } from '@ace/bff/contract';
import { Suspense, useEffect, useMemo, useRef, type ComponentProps } from 'react';
import { DrillGap } from '../../features/drill-down/components/drill-gap';
import { drillAction } from '../../features/drill-down/drill-plan';
import { detailTable } from '../../features/detail/lazy';
import { ExportMenu } from '../../features/export/components/export-menu';
import { buildCostPivot } from '../../features/results/build-cost-pivot';
import type { CostPivot, PivotRow } from '../../features/results/pivot-types';
import type { DrillControl } from '../../features/results/components/pivot-columns';
import { ResultsPanel } from '../../features/results/components/results-panel';
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
  const { query, months, result } = done;
  const rows = result.usageDetails;
  const pivot = useMemo(
    () => buildCostPivot(rows, query.groupBy, months, directory),
    [rows, query.groupBy, months, directory],
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
          rows={rows}
          directory={directory}
          source={{
            orgName: directory.find('organizations', done.orgId, done.orgId) ?? undefined,
            done,
            trail,
            now,
          }}
        />
      }
      detail={
        <Suspense fallback={<Skeleton height={400} aria-label="Loading the usage rows" />}>
          <DetailTable rows={rows} directory={directory} />
        </Suspense>
      }
    />
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

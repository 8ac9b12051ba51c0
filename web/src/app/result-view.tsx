import { Skeleton } from '@mantine/core';
import type { CostQueryDone } from '@ace/bff/contract';
import { Suspense, useMemo } from 'react';
import { DrillGap } from '../features/drill-down/components/drill-gap';
import { drillAction } from '../features/drill-down/drill-plan';
import { detailTable } from '../features/detail/lazy';
import { ExportMenu } from '../features/export/components/export-menu';
import { buildCostPivot, type PivotRow } from '../features/results/build-cost-pivot';
import type { DrillControl } from '../features/results/components/pivot-columns';
import { ResultsPanel } from '../features/results/components/results-panel';
import type { NameDirectory } from '../lib/entity-names';
import { DIMENSION_NOUN } from '../lib/usage-fields';
import type { useDrillStack } from './use-drill-stack';

const DetailTable = detailTable.Component;

interface ResultViewProps {
  done: CostQueryDone;
  now: Date;
  directory: NameDirectory;
  drill: ReturnType<typeof useDrillStack>;
}

/** One finished result: the results feature's panel, with drill-down, export and detail rows. */
export function ResultView({ done, now, directory, drill }: ResultViewProps) {
  const { query, result } = done;
  const rows = result.usageDetails;
  const pivot = useMemo(
    () => buildCostPivot(rows, query.groupBy, query, directory),
    [rows, query, directory],
  );
  const { canDrill, drillInto } = drill;
  const control = useMemo((): DrillControl | undefined => {
    const next = canDrill(pivot.dimension);
    if (!next) return undefined;
    return {
      actionFor: (row: PivotRow) => (row.id && !row.unattributed ? drillAction(next) : null),
      onDrill: (row: PivotRow) => {
        if (!row.id) return;
        void drillInto({
          dimension: pivot.dimension,
          id: row.id,
          label: row.label,
          organizationId: row.organizationId,
          totalCents: row.totalCents,
        });
      },
    };
  }, [canDrill, drillInto, pivot.dimension]);
  const parent = drill.current.parent;
  const trail = drill.depth > 0 ? drill.steps.map((s) => s.label).join(' › ') : undefined;

  return (
    <ResultsPanel
      done={done}
      pivot={pivot}
      now={now}
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
            orgId: done.orgId,
            orgName: directory.find('organizations', done.orgId, done.orgId) ?? undefined,
            request: query,
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

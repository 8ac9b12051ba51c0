import { Stack } from '@mantine/core';
import type { CostQueryDone, DrillPathStep } from '@ace/bff/contract';
import { useCallback, useState } from 'react';
import { DrillBreadcrumb } from '../../features/drill-down/components/drill-breadcrumb';
import { useCostQueryJob } from '../../features/query-status/api/use-cost-query-job';
import { QueryStatusPanel } from '../../features/query-status/components/query-status-panel';
import type { ResultsView, ResultsViewChange } from '../../features/results/results-view';
import type { IgnoredParam } from '../../features/url-state/url-state';
import { ResultView } from './result-view';
import { useDrillStack, type DrillPathListener } from './use-drill-stack';
import { useNameDirectory } from './use-name-directory';

interface ResultsSectionProps {
  root: CostQueryDone;
  now: Date;
  /** How the results look (the page keeps it in the link and in presets). */
  view: ResultsView;
  onViewChange: ResultsViewChange;
  /** The drill-down path the link names: restored step by step once the results are in. */
  restoreDrill: readonly DrillPathStep[];
  onDrill: DrillPathListener;
  /** A step of `restoreDrill` that the results do not have (the rest is not restored). */
  onIgnored: (item: IgnoredParam) => void;
}

/**
 * The results of the form's query and of every drill-down step from it. Loaded lazily: the
 * first screen (the form) needs none of this, nor the chart and table libraries behind it.
 */
export default function ResultsSection(props: ResultsSectionProps) {
  const { root, now, restoreDrill, onDrill, onIgnored } = props;
  // Restoring goes on until it is done, fails, or the user moves along the trail.
  const [restoring, setRestoring] = useState(restoreDrill.length > 0);
  const onPath = useCallback<DrillPathListener>(
    (path, how) => {
      if (how !== 'none') setRestoring(false);
      onDrill(path, how);
    },
    [onDrill],
  );
  const drill = useDrillStack(root, onPath);
  const { current, depth } = drill;
  const pending = restoring ? restoreDrill[depth] : undefined;
  const onRestoreMissing = useCallback(
    (step: DrillPathStep) => {
      setRestoring(false);
      onIgnored({
        param: 'd',
        reason: `names ${step.dimension} ${step.id}, which is not in these results; the drill-down stopped before it`,
      });
      onDrill(
        drill.steps.flatMap((s) => (s.target ? [s.target] : [])),
        'replace',
      );
    },
    [onIgnored, onDrill, drill.steps],
  );
  const orgIds = [root.orgId, ...current.query.filters.organizations];
  const directory = useNameDirectory([...new Set(orgIds)]);
  // Every step below the form's query is a job of its own, watched like the form's.
  const step = useCostQueryJob(
    depth > 0 ? { query: current.query, attempt: current.attempt } : null,
    current.startedAt,
  );
  const done = depth === 0 ? root : step.phase.kind === 'done' ? step.phase.result : undefined;

  // The trail stays mounted while steps load, so focus and screen readers keep their place.
  return (
    <Stack gap="sm">
      <DrillBreadcrumb
        crumbs={drill.steps}
        onStep={(index) => drill.stepTo(index)}
        canDrill={drill.canDrill(current.dimension) !== null}
      />
      {done ? (
        <ResultView
          done={done}
          now={now}
          directory={directory}
          drill={drill}
          view={props.view}
          onViewChange={props.onViewChange}
          restore={pending}
          onRestoreMissing={onRestoreMissing}
        />
      ) : (
        // Cancelling steps back; the step's job, no longer watched, is cancelled on the BFF.
        <QueryStatusPanel
          phase={step.phase}
          onCancel={() => drill.stepTo(depth - 1, 'replace')}
          onRetry={() => drill.restartCurrent()}
        />
      )}
    </Stack>
  );
}

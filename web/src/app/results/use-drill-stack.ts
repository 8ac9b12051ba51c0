import type { CostQueryDone, DashboardQuery, DrillPathStep } from '@ace/bff/contract';
import { useCallback, useState } from 'react';
import { drillQuery, nextDimension, type DrillTarget } from '../../features/drill-down/drill-plan';
import { DIMENSION_NOUN, type Dimension } from '../../lib/usage-fields';

export interface DrillStep {
  /** The question this step asks (the form's, for the first step). */
  query: DashboardQuery;
  dimension: Dimension;
  label: string;
  /** The group drilled into, with its total in the previous view. */
  parent: { label: string; totalCents: number } | undefined;
  /** The same group as the link names it (none for the form's query). */
  target: DrillPathStep | undefined;
  /** When this step's query was (re)started, for the elapsed-time display. */
  startedAt: number;
  /** Bumped by Retry: a new job; otherwise the same question shows the same job's result. */
  attempt: number;
}

/** Who moved along the trail: the user, or the page restoring a link's drill-down. */
export type DrillSource = 'user' | 'restore';

/** Told the trail's path after every change (`how`: as a new step, in place, or restored). */
export type DrillPathListener = (path: DrillPathStep[], how: 'push' | 'replace' | 'none') => void;

const pathOf = (steps: readonly DrillStep[]) =>
  steps.flatMap((step) => (step.target ? [step.target] : []));

/**
 * The drill-down trail from the form's query. Each step is a question of its own, run by the
 * same job engine as the form's (useCostQueryJob); a step already answered shows at once.
 */
export function useDrillStack(root: CostQueryDone, onPath: DrillPathListener) {
  const rootDimension = root.query.groupBy ?? 'services';
  const [steps, setSteps] = useState<DrillStep[]>(() => [
    {
      // Every step covers the months the form's query covered, even if a relative period
      // would mean other months by the time a step is asked.
      query: { ...root.query, period: { kind: 'months', ...root.months } },
      dimension: rootDimension,
      label: `Your query · by ${DIMENSION_NOUN[rootDimension]}`,
      parent: undefined,
      target: undefined,
      startedAt: Date.parse(root.createdAt),
      attempt: 0,
    },
  ]);
  const current = steps[steps.length - 1]!;

  const canDrill = useCallback(
    (dimension: Dimension) => nextDimension(dimension, current.query),
    [current],
  );
  const drillInto = useCallback(
    (target: DrillTarget, source: DrillSource = 'user') => {
      const next = nextDimension(target.dimension, current.query);
      if (!next) return;
      const step: DrillStep = {
        query: drillQuery(current.query, target, next),
        dimension: next,
        label: `${target.label} · by ${DIMENSION_NOUN[next]}`,
        parent: { label: target.label, totalCents: target.totalCents },
        target: { dimension: target.dimension, id: target.id },
        startedAt: Date.now(),
        attempt: 0,
      };
      setSteps((previous) => [...previous, step]);
      onPath([...pathOf(steps), step.target!], source === 'user' ? 'push' : 'none');
    },
    [current, steps, onPath],
  );

  return {
    steps,
    current,
    depth: steps.length - 1,
    canDrill,
    drillInto,
    /** Back to step `index`: `push` from the trail, `replace` when a step is cancelled. */
    stepTo(index: number, how: 'push' | 'replace' = 'push') {
      const kept = steps.slice(0, Math.max(1, index + 1));
      setSteps(kept);
      onPath(pathOf(kept), how);
    },
    /** Retry: the current step asked again, as a new job. */
    restartCurrent() {
      setSteps((previous) => [
        ...previous.slice(0, -1),
        { ...current, startedAt: Date.now(), attempt: current.attempt + 1 },
      ]);
    },
  };
}

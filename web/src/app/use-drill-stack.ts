import type { CostQueryDone, CostQueryRequest, DrillPathStep } from '@ace/bff/contract';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import {
  drillNeed,
  drillRequest,
  nextDimension,
  type DrillNeed,
  type DrillTarget,
} from '../features/drill-down/drill-plan';
import {
  clustersQueryOptions,
  projectsQueryOptions,
} from '../features/query-form/api/picker-queries';
import { DIMENSION_NOUN, type Dimension } from '../lib/usage-fields';

export interface DrillStep {
  request: CostQueryRequest;
  dimension: Dimension;
  label: string;
  /** The group drilled into, with its total in the previous view. */
  parent: { label: string; totalCents: number } | undefined;
  /** The same group as the link names it (none for the form's query). */
  target: DrillPathStep | undefined;
  /** When this step's query was (re)started, for the elapsed-time display. */
  startedAt: number;
}

/** Who moved along the trail: the user, or the page restoring a link's drill-down. */
export type DrillSource = 'user' | 'restore';

/** Told the trail's path after every change (`how`: as a new step, in place, or restored). */
export type DrillPathListener = (path: DrillPathStep[], how: 'push' | 'replace' | 'none') => void;

const pathOf = (steps: readonly DrillStep[]) =>
  steps.flatMap((step) => (step.target ? [step.target] : []));

/**
 * The drill-down trail from the form's query. Each step is a query of its own; its result is
 * cached by query (react-query), so stepping back shows it at once.
 */
export function useDrillStack(root: CostQueryDone, onPath: DrillPathListener) {
  const queryClient = useQueryClient();
  const rootDimension = root.query.groupBy ?? 'services';
  const [steps, setSteps] = useState<DrillStep[]>(() => [
    {
      request: root.query,
      dimension: rootDimension,
      label: `Your query · by ${DIMENSION_NOUN[rootDimension]}`,
      parent: undefined,
      target: undefined,
      startedAt: Date.parse(root.createdAt),
    },
  ]);
  const current = steps[steps.length - 1]!;

  const canDrill = useCallback(
    (dimension: Dimension) => nextDimension(dimension, current.request),
    [current],
  );
  const drillInto = useCallback(
    async (target: DrillTarget, source: DrillSource = 'user') => {
      const next = nextDimension(target.dimension, current.request);
      if (!next) return;
      const listed = await listIds(queryClient, drillNeed(target, next, root.orgId));
      const { request, dimension } = drillRequest(current.request, target, next, listed);
      const step: DrillStep = {
        request,
        dimension,
        label: `${target.label} · by ${DIMENSION_NOUN[dimension]}`,
        parent: { label: target.label, totalCents: target.totalCents },
        target: { dimension: target.dimension, id: target.id },
        startedAt: Date.now(),
      };
      setSteps((previous) => [...previous, step]);
      onPath([...pathOf(steps), step.target!], source === 'user' ? 'push' : 'none');
    },
    [current, queryClient, root.orgId, steps, onPath],
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
    restartCurrent() {
      setSteps((previous) => [...previous.slice(0, -1), { ...current, startedAt: Date.now() }]);
    },
  };
}

/** The ids Atlas must be given to group by the next dimension; none when they cannot be listed. */
async function listIds(queryClient: QueryClient, need: DrillNeed): Promise<string[]> {
  try {
    if (need.kind === 'projects') {
      const list = await queryClient.fetchQuery(projectsQueryOptions(need.orgId));
      return list.items.map((p) => p.id);
    }
    if (need.kind === 'clusters') {
      const list = await queryClient.fetchQuery(clustersQueryOptions(need.orgId, [need.projectId]));
      return list.items.map((c) => c.id);
    }
  } catch {
    // Without the list the drill groups by service instead (drillRequest's fallback).
  }
  return [];
}

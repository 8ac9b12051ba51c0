import type { DashboardQuery } from '@ace/bff/contract';
import { DIMENSION_NOUN, type Dimension } from '../../lib/usage-fields';

/** A group the user chose in the pivot. */
export interface DrillTarget {
  dimension: Dimension;
  id: string;
  label: string;
  totalCents: number;
}

/**
 * The grouping after `dimension`: organizations → projects → clusters → services; a service
 * splits into projects unless the question is already down to one project or cluster (a leaf).
 */
export function nextDimension(dimension: Dimension, query: DashboardQuery): Dimension | null {
  switch (dimension) {
    case 'organizations':
      return 'projects';
    case 'projects':
      return 'clusters';
    case 'clusters':
      return 'services';
    case 'services':
      return query.filters.projects.length === 1 || query.filters.clusters.length === 1
        ? null
        : 'projects';
  }
}

export function drillAction(next: Dimension): string {
  return `break down by ${DIMENSION_NOUN[next]}`;
}

/**
 * A drill-down step: the parent question with its filter narrowed to the target and grouped by
 * the next dimension. No values are chosen for that dimension: the BFF groups by every one the
 * narrowed question covers (as it does for the form). Partial matches are off: the step shows
 * what belongs to the target's parts; the page says how much of the target's total that leaves out.
 */
export function drillQuery(
  parent: DashboardQuery,
  target: Pick<DrillTarget, 'dimension' | 'id'>,
  next: Dimension,
): DashboardQuery {
  return {
    ...parent,
    filters: { ...parent.filters, [target.dimension]: [target.id] },
    groupBy: next,
    includePartialMatches: false,
    view: {},
  };
}

import { ATLAS_SERVICES, type CostQueryRequest } from '@ace/bff/contract';
import { DIMENSION_NOUN, type Dimension } from '../../lib/usage-fields';

/** Atlas takes at most 500 values per filter list; a longer list cannot be sent. */
const MAX_FILTER_VALUES = 500;

/** A group the user chose in the pivot. */
export interface DrillTarget {
  dimension: Dimension;
  id: string;
  label: string;
  organizationId: string | undefined;
  totalCents: number;
}

/**
 * The grouping after `dimension`: organizations → projects → clusters → services; a service
 * splits into projects unless the query is already down to one project or cluster (a leaf).
 */
export function nextDimension(dimension: Dimension, request: CostQueryRequest): Dimension | null {
  switch (dimension) {
    case 'organizations':
      return 'projects';
    case 'projects':
      return 'clusters';
    case 'clusters':
      return 'services';
    case 'services':
      return request.projects?.length === 1 || request.clusters?.length === 1 ? null : 'projects';
  }
}

export function drillAction(next: Dimension): string {
  return `break down by ${DIMENSION_NOUN[next]}`;
}

/** What must be listed before the drill can be sent (Atlas groups only by listed values). */
export type DrillNeed =
  | { kind: 'projects'; orgId: string }
  | { kind: 'clusters'; orgId: string; projectId: string }
  | { kind: 'none' };

export function drillNeed(target: DrillTarget, next: Dimension, rootOrgId: string): DrillNeed {
  const orgId = target.organizationId ?? rootOrgId;
  if (next === 'projects') {
    return { kind: 'projects', orgId: target.dimension === 'organizations' ? target.id : orgId };
  }
  if (next === 'clusters') return { kind: 'clusters', orgId, projectId: target.id };
  return { kind: 'none' };
}

const FILTER_OF: Record<Dimension, 'organizations' | 'projects' | 'clusters' | 'services'> = {
  organizations: 'organizations',
  projects: 'projects',
  clusters: 'clusters',
  services: 'services',
};

function within<T extends string>(
  values: readonly T[],
  allowed: readonly string[] | undefined,
): T[] {
  return allowed ? values.filter((v) => allowed.includes(v)) : [...values];
}

/**
 * The parent query narrowed to the target and grouped by the next dimension. `listed` holds the
 * next dimension's ids (projects of the org, clusters of the project). When they cannot be
 * used (none, or more than Atlas accepts) it groups by service, which always can.
 * Partial matches are off: the drill shows what belongs to the target's parts; the page says
 * how much of the target's total that leaves out.
 */
export function drillRequest(
  parent: CostQueryRequest,
  target: DrillTarget,
  next: Dimension,
  listed: readonly string[],
): { request: CostQueryRequest; dimension: Dimension } {
  const request: CostQueryRequest = {
    ...parent,
    [FILTER_OF[target.dimension]]: [target.id],
    includePartialMatches: false,
  };
  const narrowed = next === 'services' ? [] : within(listed, parent[FILTER_OF[next]]);
  if (next !== 'services' && narrowed.length > 0 && narrowed.length <= MAX_FILTER_VALUES) {
    return { request: { ...request, groupBy: next, [FILTER_OF[next]]: narrowed }, dimension: next };
  }
  if (target.dimension === 'services') {
    // A service that cannot split further: show it alone, per organization (Atlas's default).
    const { groupBy: _, ...ungrouped } = request;
    return { request: ungrouped, dimension: 'services' };
  }
  const services = parent.services ?? [...ATLAS_SERVICES];
  return { request: { ...request, groupBy: 'services', services }, dimension: 'services' };
}

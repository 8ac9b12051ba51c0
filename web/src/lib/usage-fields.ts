import type { GroupBy, UsageRow } from '@ace/bff/contract';

/** A dimension of a usage row: the four things Atlas can group and filter by. */
export type Dimension = GroupBy;

export const DIMENSION_NOUN: Record<Dimension, string> = {
  organizations: 'organization',
  projects: 'project',
  clusters: 'cluster',
  services: 'service',
};

/** One thing a row is about: its id, and the name Atlas sent with it (if any). */
export interface EntityRef {
  id: string;
  name: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function ref(id: unknown, name: unknown): EntityRef | null {
  const key = text(id) ?? text(name);
  return key ? { id: key, name: text(name) } : null;
}

/** The row's id for a dimension (what entityOf(row).id is), without allocating: hot loops. */
export function entityIdOf(row: UsageRow, dimension: Dimension): string | undefined {
  switch (dimension) {
    case 'organizations':
      return text(row.organizationId) ?? text(row.organizationName);
    case 'projects':
      return text(row.projectId) ?? text(row.projectName);
    case 'clusters':
      return text(row.clusterId ?? row.clusterUniqueId) ?? text(row.clusterName);
    case 'services':
      return text(row.service);
  }
}

/**
 * The row's value for a dimension, or null when the row has none (a partial match: support or
 * credits have no cluster). A service's id is its name.
 */
export function entityOf(row: UsageRow, dimension: Dimension): EntityRef | null {
  switch (dimension) {
    case 'organizations':
      return ref(row.organizationId, row.organizationName);
    case 'projects':
      return ref(row.projectId, row.projectName);
    case 'clusters':
      // The BFF copies Atlas's "clusterUniqueId" to clusterId; accept either spelling.
      return ref(row.clusterId ?? row.clusterUniqueId, row.clusterName);
    case 'services':
      return ref(row.service, row.service);
  }
}

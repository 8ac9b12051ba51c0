import type { GroupBy } from '@ace/bff/contract';

/** A dimension of a usage row: the four things Atlas can group and filter by. */
export type Dimension = GroupBy;

export const DIMENSION_NOUN: Record<Dimension, string> = {
  organizations: 'organization',
  projects: 'project',
  clusters: 'cluster',
  services: 'service',
};

// One reading of a row's entities, the contract's: the BFF's summary groups by it too.
export {
  usageEntityIdOf as entityIdOf,
  usageEntityOf as entityOf,
  type EntityRef,
} from '@ace/bff/contract';

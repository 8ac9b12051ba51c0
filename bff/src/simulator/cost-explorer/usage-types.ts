/** The normalised query and the row shape, shared by the query engine, CSV and validation. */
export type GroupBy = 'organizations' | 'projects' | 'clusters' | 'services';

/** A validated Cost Explorer filter with absent lists normalised to []. */
export interface UsageQuery {
  startDate: string;
  endDate: string;
  organizations: string[];
  projects: string[];
  clusters: string[];
  services: string[];
  groupBy?: GroupBy;
  includePartialMatches: boolean;
}

/**
 * One `usageDetails` row. Keys are in alphabetical order, as in the one real sample we have.
 * A profile picks one spelling of each project and cluster key (profiles.ts); organization and
 * service are absent on the `orphan-charges` profile's unattributed charges.
 */
export interface UsageRow {
  clusterId?: string;
  clusterName?: string;
  clusterUniqueId?: string;
  groupId?: string;
  groupName?: string;
  invoiceId: string;
  organizationId?: string;
  organizationName?: string;
  projectId?: string;
  projectName?: string;
  service?: string;
  usageAmount: number;
  usageDate: string;
}

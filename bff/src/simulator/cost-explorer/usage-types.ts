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

/** One `usageDetails` row. Keys are in alphabetical order, as in the one real sample we have. */
export interface UsageRow {
  clusterName?: string;
  clusterUniqueId?: string;
  invoiceId: string;
  organizationId: string;
  organizationName: string;
  projectId?: string;
  projectName?: string;
  service?: string;
  usageAmount: number;
  usageDate: string;
}

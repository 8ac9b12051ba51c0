import type { SimCluster, SimDataset, SimOrg, SimProject } from '../types';

/**
 * The simulator's internal view of the dataset: the public records plus what the cost
 * generator needs (month indexes, rates). Charges are never stored; they are computed per
 * query from these plans so that even a 100,000-row history costs no memory until asked for.
 */

export interface ClusterModel {
  /** Global position, mixed into hashes so every cluster gets its own noise. */
  index: number;
  pub: SimCluster;
  /** First and last billed months, and the billed share of each (created/deleted mid-month). */
  fromMonth: number;
  fromShare: number;
  toMonth: number;
  toShare: number;
  /** Monthly instance price of the whole cluster (tier × shards), in cents. */
  baseCents: number;
  storageRate: number;
  backupRate: number;
  transferRate: number;
  biConnector: boolean;
  searchNodes: boolean;
  /** Last month billed as Legacy Backup before the move to cloud backups; -1 for never. */
  legacyBackupUntil: number;
}

export interface ProjectServiceModel {
  serviceIndex: number;
  fromMonth: number;
  cents: number;
}

export interface ProjectModel {
  index: number;
  pub: SimProject;
  clusters: ClusterModel[];
  services: ProjectServiceModel[];
}

/** An organization-level charge (no project, no cluster): support, credits, consulting… */
export interface OrgChargePlan {
  serviceIndex: number;
  /** Signed: credits are negative. */
  cents: number;
  /** Billed in months where (month % everyMonths) === 0; 1 means monthly. */
  everyMonths: number;
}

export interface OrgModel {
  index: number;
  pub: SimOrg;
  projects: ProjectModel[];
  charges: OrgChargePlan[];
}

export interface DatasetModel {
  seed: number;
  anchorMonth: number;
  firstMonth: number;
  orgs: OrgModel[];
  orgsById: ReadonlyMap<string, OrgModel>;
  projectsById: ReadonlyMap<string, ProjectModel>;
  clustersById: ReadonlyMap<string, ClusterModel>;
  dataset: SimDataset;
}

import { ATLAS_SERVICES, type AtlasService } from '../../contract/services';
import type { ClusterModel, DatasetModel, OrgModel, ProjectModel } from './model';
import { unitHash } from './random';

/**
 * Generates one organization-month of charges, already filtered, straight into a sink. A charge
 * has an organization and a service (except on the `orphan-charges` profile), a project and a
 * cluster only when the usage belongs to one. Filter rule (docs/atlas-wire.md): a charge matches a dimension when that filter is
 * empty or holds its value; a charge WITHOUT a value in a filtered dimension matches only when
 * includePartialMatches is true.
 */

export interface ChargeFilter {
  projects: ReadonlySet<string> | null;
  clusters: ReadonlySet<string> | null;
  /** Indexed by position in ATLAS_SERVICES; null = every service. */
  services: readonly boolean[] | null;
  includePartialMatches: boolean;
  /** The `orphan-charges` profile: also bill adjustments that have no service. */
  orphans: boolean;
}

/** The service index of a charge without a service. */
export const NO_SERVICE = -1;

export type ChargeSink = (
  org: OrgModel | undefined,
  project: ProjectModel | undefined,
  cluster: ClusterModel | undefined,
  serviceIndex: number,
  cents: number,
) => void;

const S = (name: AtlasService) => ATLAS_SERVICES.indexOf(name);
const CLUSTERS = S('Clusters');
const STORAGE = S('Storage');
const BACKUP = S('Backup');
const TRANSFER = S('Data Transfer');
const BI = S('BI Connector');
const DSC_COMPUTE = S('DSC Compute');
const DSC_STORAGE = S('DSC Storage');
const LEGACY_BACKUP = S('Legacy Backup');
const SUPPORT = S('Support');

/** ±8% month-to-month wobble, fixed per (seed, thing, month, service). */
function wobble(seed: number, thing: number, month: number, service: number): number {
  return 0.92 + 0.16 * unitHash(seed, thing, month, service);
}

/**
 * @param share proration of the month: 1 for closed months, the month-to-date share for the
 *   current month (Atlas shows the running month as usage so far).
 */
export function emitOrgMonth(
  model: DatasetModel,
  org: OrgModel,
  month: number,
  share: number,
  filter: ChargeFilter,
  sink: ChargeSink,
): void {
  const seed = model.seed;
  for (const project of org.projects) {
    if (filter.projects && !filter.projects.has(project.pub.id)) continue;
    for (const cluster of project.clusters) {
      if (filter.clusters && !filter.clusters.has(cluster.pub.id)) continue;
      const active = activeShare(cluster, month) * share;
      if (active !== 0) emitCluster(seed, org, project, cluster, month, active, filter, sink);
    }
    // Project-level usage has no cluster: with a cluster filter it is only a partial match.
    if (filter.clusters && !filter.includePartialMatches) continue;
    for (const plan of project.services) {
      if (month < plan.fromMonth) continue;
      const w = wobble(seed, 100_000 + project.index, month, plan.serviceIndex);
      emit(filter, sink, org, project, undefined, plan.serviceIndex, plan.cents * share * w);
    }
  }
  // Organization-level usage has neither project nor cluster.
  if ((filter.projects || filter.clusters) && !filter.includePartialMatches) return;
  for (const plan of org.charges) {
    if (month % plan.everyMonths !== 0) continue;
    const w = wobble(seed, 900_000 + org.index, month, plan.serviceIndex);
    emit(filter, sink, org, undefined, undefined, plan.serviceIndex, plan.cents * share * w);
  }
  if (filter.orphans) {
    const w = wobble(seed, 950_000 + org.index, month, 0);
    emit(filter, sink, org, undefined, undefined, NO_SERVICE, 1_850 * share * w);
  }
}

/**
 * The `orphan-charges` profile's charges without an organization (general support not tied to
 * one, as the console's "Include partially matching charges" describes), billed on the path
 * organization's invoice. The caller decides whether an organizations filter lets them in.
 */
export function emitUnattributed(
  model: DatasetModel,
  pathOrg: OrgModel,
  month: number,
  share: number,
  filter: ChargeFilter,
  sink: ChargeSink,
): void {
  if ((filter.projects || filter.clusters) && !filter.includePartialMatches) return;
  const w = wobble(model.seed, 960_000 + pathOrg.index, month, SUPPORT);
  emit(filter, sink, undefined, undefined, undefined, SUPPORT, 24_000 * share * w);
}

/** No closures in here: it runs for every cluster-month of a query (millions at scale 50). */
function emitCluster(
  seed: number,
  org: OrgModel,
  project: ProjectModel,
  cluster: ClusterModel,
  month: number,
  active: number,
  filter: ChargeFilter,
  sink: ChargeSink,
): void {
  const base = cluster.baseCents * active;
  const i = cluster.index;
  const rated: Array<[number, number]> = [
    [CLUSTERS, 1],
    [STORAGE, cluster.storageRate],
    [BACKUP, cluster.backupRate],
    [TRANSFER, cluster.transferRate],
  ];
  if (cluster.biConnector) rated.push([BI, 0.25]);
  if (cluster.searchNodes) rated.push([DSC_COMPUTE, 0.4], [DSC_STORAGE, 0.04]);
  if (month <= cluster.legacyBackupUntil) rated.push([LEGACY_BACKUP, 0.06]);
  for (const [service, rate] of rated) {
    if (rate === 0) continue;
    emit(
      filter,
      sink,
      org,
      project,
      cluster,
      service,
      base * rate * wobble(seed, i, month, service),
    );
  }
}

function emit(
  filter: ChargeFilter,
  sink: ChargeSink,
  org: OrgModel | undefined,
  project: ProjectModel | undefined,
  cluster: ClusterModel | undefined,
  service: number,
  raw: number,
): void {
  const cents = Math.round(raw);
  const matches =
    !filter.services ||
    (service === NO_SERVICE ? filter.includePartialMatches : filter.services[service] === true);
  if (cents !== 0 && matches) {
    sink(org, project, cluster, service, cents);
  }
}

/** Share of the month the cluster existed: 0 before creation and after deletion. */
function activeShare(cluster: ClusterModel, month: number): number {
  if (month < cluster.fromMonth || month > cluster.toMonth) return 0;
  let share = 1;
  if (month === cluster.fromMonth) share *= cluster.fromShare;
  if (month === cluster.toMonth) share *= cluster.toShare;
  return share;
}

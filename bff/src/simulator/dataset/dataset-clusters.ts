import {
  CLUSTER_ROLES,
  MONGODB_VERSIONS,
  PROVIDER_WEIGHTS,
  REGIONS,
  TIER_MONTHLY_CENTS,
  TIER_WEIGHTS,
} from './catalog';
import type { ClusterModel } from './model';
import { isoAt, monthStartMs } from './month-math';
import { pick, pickWeighted, rngObjectId, stableIdTime, type Rng } from './random';
import type { SimCluster } from '../types';

export interface ClusterContext {
  rng: Rng;
  anchorMonth: number;
  orgId: string;
  projectId: string;
  projectCreatedMonth: number;
  /** Global counter shared by all projects, so every cluster's hash noise differs. */
  nextIndex: () => number;
}

const between = (rng: Rng, min: number, max: number) => min + rng() * (max - min);

/** The clusters of one project: 2–12, about one in ten deleted, some recreated under the same name. */
export function generateClusters(ctx: ClusterContext, count: number): ClusterModel[] {
  const { rng, anchorMonth } = ctx;
  const clusters: ClusterModel[] = [];
  const nameCounters = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const provider = pickWeighted(rng, PROVIDER_WEIGHTS);
    const [regionName, regionTag] = pick(rng, REGIONS[provider]);
    const role = pick(rng, CLUSTER_ROLES);
    const stem = `${role}-${regionTag}`;
    const n = (nameCounters.get(stem) ?? 0) + 1;
    nameCounters.set(stem, n);
    // Most clusters predate the 24-month history; the rest appear during it.
    const created =
      rng() < 0.6
        ? anchorMonth - 24 - Math.floor(rng() * 12)
        : anchorMonth - Math.floor(rng() * 24);
    const fromMonth = Math.max(created, ctx.projectCreatedMonth);
    const fromDay = 1 + Math.floor(rng() * 28);
    const cluster = makeCluster(ctx, `${stem}-${n}`, provider, regionName, fromMonth, fromDay);
    clusters.push(cluster);
    const lastDeletable = anchorMonth - 1;
    const firstDeletable = Math.max(fromMonth + 1, anchorMonth - 22);
    if (rng() < 0.09 && firstDeletable <= lastDeletable) {
      const toMonth = firstDeletable + Math.floor(rng() * (lastDeletable - firstDeletable + 1));
      const toDay = 1 + Math.floor(rng() * 28);
      markDeleted(cluster, toMonth, toDay);
      // Teams often recreate a cluster under the same name: same label, new unique id.
      if (rng() < 0.3) {
        clusters.push(makeCluster(ctx, cluster.pub.name, provider, regionName, toMonth, toDay));
      }
    }
  }
  return clusters;
}

function makeCluster(
  ctx: ClusterContext,
  name: string,
  provider: SimCluster['provider'],
  regionName: string,
  fromMonth: number,
  fromDay: number,
): ClusterModel {
  const { rng } = ctx;
  const instanceSizeName = pickWeighted(rng, TIER_WEIGHTS);
  const sharded = rng() < 0.08;
  const numShards = sharded ? 2 + Math.floor(rng() * 3) : 1;
  const backupEnabled = rng() < 0.7;
  const pitEnabled = backupEnabled && rng() < 0.2;
  const createDate = isoAt(fromMonth, fromDay, 9);
  const pub: SimCluster = {
    id: rngObjectId(rng, stableIdTime(ctx.anchorMonth - fromMonth, fromDay)),
    name,
    projectId: ctx.projectId,
    orgId: ctx.orgId,
    provider,
    regionName,
    instanceSizeName,
    clusterType: sharded ? 'SHARDED' : 'REPLICASET',
    numShards,
    mongoDBVersion: pick(rng, MONGODB_VERSIONS),
    backupEnabled,
    paused: rng() < 0.03,
    stateName: rng() < 0.02 ? 'UPDATING' : 'IDLE',
    createDate,
    deleted: false,
  };
  const daysInFirst = new Date(monthStartMs(fromMonth + 1) - 1).getUTCDate();
  const oldEnough = fromMonth < ctx.anchorMonth - 20;
  return {
    index: ctx.nextIndex(),
    pub,
    fromMonth,
    fromShare: (daysInFirst - fromDay + 1) / daysInFirst,
    toMonth: Number.POSITIVE_INFINITY,
    toShare: 1,
    baseCents: (TIER_MONTHLY_CENTS[instanceSizeName] ?? 5_694) * numShards,
    storageRate: between(rng, 0.08, 0.18),
    backupRate: backupEnabled ? between(rng, 0.05, 0.12) * (pitEnabled ? 1.5 : 1) : 0,
    transferRate: between(rng, 0.01, 0.25),
    biConnector: rng() < 0.08,
    searchNodes: rng() < 0.05,
    legacyBackupUntil:
      oldEnough && backupEnabled && rng() < 0.25
        ? ctx.anchorMonth - 13 - Math.floor(rng() * 4)
        : -1,
  };
}

function markDeleted(cluster: ClusterModel, toMonth: number, toDay: number): void {
  const daysInLast = new Date(monthStartMs(toMonth + 1) - 1).getUTCDate();
  cluster.toMonth = toMonth;
  cluster.toShare = toDay / daysInLast;
  cluster.pub.deleted = true;
  cluster.pub.deleteDate = isoAt(toMonth, toDay, 17);
  cluster.pub.paused = false;
  cluster.pub.stateName = 'IDLE';
}

/**
 * Makes sure the demo shows every cluster-level service: the first cluster becomes a long-lived
 * "flagship" with BI Connector, search nodes and a Legacy Backup past. Deterministic, so tests
 * can rely on it.
 */
export function makeFlagship(cluster: ClusterModel, anchorMonth: number): void {
  cluster.fromMonth = Math.min(cluster.fromMonth, anchorMonth - 30);
  cluster.fromShare = 1;
  cluster.toMonth = Number.POSITIVE_INFINITY;
  cluster.toShare = 1;
  cluster.biConnector = true;
  cluster.searchNodes = true;
  cluster.backupRate = Math.max(cluster.backupRate, 0.08);
  cluster.legacyBackupUntil = anchorMonth - 14;
  cluster.pub.backupEnabled = true;
  cluster.pub.deleted = false;
  delete cluster.pub.deleteDate;
  cluster.pub.createDate = isoAt(cluster.fromMonth, 1, 9);
}

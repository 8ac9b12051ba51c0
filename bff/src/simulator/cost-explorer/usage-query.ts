import { monthFromIndex, monthIndex } from '../../contract/months';
import { ATLAS_SERVICES } from '../../contract/services';
import {
  emitOrgMonth,
  emitUnattributed,
  type ChargeFilter,
  type ChargeSink,
} from '../dataset/charges';
import { simulatorProfile, type SimulatorProfile } from '../profiles';
import { compareGroups, grainOf, groupKey, toRow, type Group } from './grouping';
import type { DatasetModel, OrgModel } from '../dataset/model';
import { monthOfDate, monthStartMs, monthToDateShare } from '../dataset/month-math';
import { hash32, objectId } from '../dataset/random';
import type { UsageQuery, UsageRow } from './usage-types';

export type { GroupBy, UsageQuery, UsageRow } from './usage-types';

/** What a profile decides about results: row keys, grain, unattributed charges. */
export type ResultProfile = Pick<
  SimulatorProfile,
  'rowKeys' | 'serviceOnClusterRows' | 'orphanCharges'
>;

/**
 * Runs a query the way docs/atlas-wire.md describes: filter the charges, then sum them per
 * month × the groupBy grain. The paying organization's path covers its linked organizations
 * unless `organizations` narrows it; a linked organization's path covers only itself.
 */
export function runUsageQuery(
  model: DatasetModel,
  pathOrgId: string,
  query: UsageQuery,
  asOf: Date,
  profile: ResultProfile = simulatorProfile('default'),
): UsageRow[] {
  const pathOrg = model.orgsById.get(pathOrgId);
  if (!pathOrg) return [];
  const family = [
    pathOrg,
    ...pathOrg.pub.linkedOrgIds.flatMap((id) => model.orgsById.get(id) ?? []),
  ];
  const wanted = new Set(query.organizations);
  const orgs = wanted.size > 0 ? family.filter((o) => wanted.has(o.pub.id)) : family;
  const filter = toChargeFilter(query, profile.orphanCharges);
  // A charge without an organization matches an organizations filter only partially.
  const orgless = profile.orphanCharges && (wanted.size === 0 || query.includePartialMatches);
  const currentMonth = monthOfDate(asOf);
  const first = Math.max(monthIndex(query.startDate), model.firstMonth);
  const last = Math.min(monthIndex(query.endDate) - 1, currentMonth);
  const rows: UsageRow[] = [];
  for (let month = first; month <= last; month++) {
    const share = month === currentMonth ? monthToDateShare(asOf) : 1;
    const groups = new Map<string, Group>();
    const sink: ChargeSink = (o, project, cluster, serviceIndex, cents) => {
      const key = groupKey(query.groupBy, profile, o, project, cluster, serviceIndex);
      const group = groups.get(key);
      if (group) group.cents += cents;
      else
        groups.set(key, grainOf(query.groupBy, profile, o, project, cluster, serviceIndex, cents));
    };
    for (const org of orgs) {
      emitOrgMonth(model, org, month, share, filter, sink);
    }
    if (orgless) emitUnattributed(model, pathOrg, month, share, filter, sink);
    const sorted = [...groups.values()].sort(compareGroups);
    const invoices = new Map<OrgModel, string>();
    const usageDate = monthFromIndex(month);
    for (const group of sorted) {
      // Charges without an organization are billed on the path organization's invoice.
      const billed = group.org ?? pathOrg;
      let invoice = invoices.get(billed);
      if (invoice === undefined) {
        invoice = invoiceId(model, billed, month);
        invoices.set(billed, invoice);
      }
      rows.push(toRow(group, invoice, usageDate, profile));
    }
  }
  return rows;
}

function toChargeFilter(query: UsageQuery, orphans: boolean): ChargeFilter {
  const services =
    query.services.length > 0 ? ATLAS_SERVICES.map((s) => query.services.includes(s)) : null;
  return {
    projects: query.projects.length > 0 ? new Set(query.projects) : null,
    clusters: query.clusters.length > 0 ? new Set(query.clusters) : null,
    services,
    includePartialMatches: query.includePartialMatches,
    orphans,
  };
}

/** One invoice per organization and month, with a stable ObjectId-shaped id. */
export function invoiceId(model: DatasetModel, org: OrgModel, month: number): string {
  return objectId(
    monthStartMs(month) + 3_600_000,
    hash32(model.seed, org.index, month, 1),
    hash32(model.seed, org.index, month, 2),
  );
}

import type { AtlasUsageDetail } from '../../atlas';
import type { CostQueryTotals, UsageRow } from '../../contract';

/**
 * Atlas sends amounts as JSON floats with two decimals. Each is turned into integer cents once,
 * here; every sum after that is an exact integer sum (Number is exact up to 2^53 cents).
 *
 * The browser gets the cents only, not Atlas's float, and the cluster's id once (clusterId, not
 * also Atlas's clusterUniqueId): a 100,000-row result is ~20 % less JSON to send and parse.
 *
 * `allowedOrgIds` is the second wall behind the explicit `organizations` list the query sent:
 * a row of any other organization is dropped here, before anything is stored, cached or sent,
 * and counted in `droppedRows` (Atlas should never send one). A row without an organization
 * (a charge Atlas did not attribute) belongs to the query's own organization and is kept.
 */
export function toUsageRows(
  details: AtlasUsageDetail[],
  allowedOrgIds?: ReadonlySet<string>,
): { rows: UsageRow[]; totals: CostQueryTotals; droppedRows: number } {
  let totalCents = 0;
  let droppedRows = 0;
  const rows: UsageRow[] = [];
  for (const detail of details) {
    const orgId = detail.organizationId;
    if (allowedOrgIds && orgId !== undefined && !allowedOrgIds.has(orgId)) {
      droppedRows += 1;
      continue;
    }
    const row = toUsageRow(detail);
    totalCents += row.usageAmountCents;
    rows.push(row);
  }
  return { rows, totals: { currency: 'USD', totalCents, rowCount: rows.length }, droppedRows };
}

/** One browser-facing row: Atlas's row with the amount in integer cents, without duplicates. */
export function toUsageRow(detail: AtlasUsageDetail): UsageRow {
  const { usageAmount, clusterUniqueId, ...rest } = detail;
  const clusterId = rest.clusterId ?? clusterUniqueId;
  return {
    ...rest,
    ...(clusterId !== undefined && { clusterId }),
    usageAmountCents: Math.round(usageAmount * 100),
  };
}

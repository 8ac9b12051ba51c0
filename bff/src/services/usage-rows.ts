import type { AtlasUsageDetail } from '../atlas';
import type { CostQueryTotals, UsageRow } from '../contract';

/**
 * Atlas sends amounts as JSON floats with two decimals. Each is turned into integer cents once,
 * here; every sum after that is an exact integer sum (Number is exact up to 2^53 cents).
 *
 * The browser gets the cents only, not Atlas's float, and the cluster's id once (clusterId, not
 * also Atlas's clusterUniqueId): a 100,000-row result is ~20 % less JSON to send and parse.
 */
export function toUsageRows(details: AtlasUsageDetail[]): {
  rows: UsageRow[];
  totals: CostQueryTotals;
} {
  let totalCents = 0;
  const rows = details.map((detail) => {
    const row = toUsageRow(detail);
    totalCents += row.usageAmountCents;
    return row;
  });
  return { rows, totals: { currency: 'USD', totalCents, rowCount: rows.length } };
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

import type { AtlasUsageDetail } from '../atlas';
import type { CostQueryTotals, UsageRow } from '../contract';

/**
 * Atlas sends amounts as JSON floats with two decimals. Each is turned into integer cents once,
 * here; every sum after that is an exact integer sum (Number is exact up to 2^53 cents).
 */
export function toUsageRows(details: AtlasUsageDetail[]): {
  rows: UsageRow[];
  totals: CostQueryTotals;
} {
  let totalCents = 0;
  const rows = details.map((detail) => {
    const usageAmountCents = Math.round(detail.usageAmount * 100);
    totalCents += usageAmountCents;
    return { ...detail, usageAmountCents };
  });
  return { rows, totals: { currency: 'USD', totalCents, rowCount: rows.length } };
}

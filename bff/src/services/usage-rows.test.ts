import { describe, expect, it } from 'vitest';
import { toUsageRow, toUsageRows } from './usage-rows';

describe('toUsageRows', () => {
  it('turns each amount into integer cents once and totals them exactly', () => {
    const { rows, totals } = toUsageRows([
      ...Array.from({ length: 10 }, () => ({ usageDate: '2025-01-01', usageAmount: 0.1 })),
      { usageDate: '2025-01-01', usageAmount: 0.29 },
      { usageDate: '2025-02-01', usageAmount: -12.5 },
    ]);
    expect(rows.map((r) => r.usageAmountCents)).toEqual([...Array(10).fill(10), 29, -1250]);
    expect(totals).toEqual({ currency: 'USD', totalCents: -1121, rowCount: 12 });
  });

  it("sends the browser the cluster's id once and no float amount, keeping every other key", () => {
    const row = toUsageRow({
      usageDate: '2025-01-01',
      usageAmount: 19.99,
      clusterUniqueId: 'c1',
      clusterName: 'prod',
      projectId: 'p1',
      sku: 'NDS_AWS_INSTANCE_M10',
    });
    expect(row).toEqual({
      usageDate: '2025-01-01',
      usageAmountCents: 1999,
      clusterId: 'c1',
      clusterName: 'prod',
      projectId: 'p1',
      sku: 'NDS_AWS_INSTANCE_M10',
    });
  });

  it('prefers clusterId when Atlas sends both spellings, and adds none when it sends neither', () => {
    const both = toUsageRow({
      usageDate: '2025-01-01',
      usageAmount: 1,
      clusterId: 'a',
      clusterUniqueId: 'b',
    });
    expect(both.clusterId).toBe('a');
    expect(both).not.toHaveProperty('clusterUniqueId');
    expect(toUsageRow({ usageDate: '2025-01-01', usageAmount: 1 })).not.toHaveProperty('clusterId');
  });
});

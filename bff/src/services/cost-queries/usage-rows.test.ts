import { describe, expect, it } from 'vitest';
import type { AtlasUsageDetail } from '../../atlas';
import { toUsageRow, toUsageRows } from './usage-rows';

/** One Atlas row in January 2025; `extra` adds or overrides keys. */
const detail = (extra: Partial<AtlasUsageDetail> = {}): AtlasUsageDetail => ({
  usageDate: '2025-01-01',
  usageAmount: 1,
  ...extra,
});

describe('toUsageRows', () => {
  it('turns each amount into integer cents once and totals them exactly', () => {
    const { rows, totals } = toUsageRows([
      ...Array.from({ length: 10 }, () => detail({ usageAmount: 0.1 })),
      detail({ usageAmount: 0.29 }),
      detail({ usageDate: '2025-02-01', usageAmount: -12.5 }),
    ]);
    expect(rows.map((r) => r.usageAmountCents)).toEqual([...Array(10).fill(10), 29, -1250]);
    expect(totals).toEqual({ currency: 'USD', totalCents: -1121, rowCount: 12 });
  });

  it("sends the browser the cluster's id once and no float amount, keeping every other key", () => {
    const row = toUsageRow(
      detail({
        usageAmount: 19.99,
        clusterUniqueId: 'c1',
        clusterName: 'prod',
        projectId: 'p1',
        sku: 'NDS_AWS_INSTANCE_M10',
      }),
    );
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
    const both = toUsageRow(detail({ clusterId: 'a', clusterUniqueId: 'b' }));
    expect(both.clusterId).toBe('a');
    expect(both).not.toHaveProperty('clusterUniqueId');
    expect(toUsageRow(detail())).not.toHaveProperty('clusterId');
  });
});

describe('the second wall (organizations the query did not name)', () => {
  const row = (organizationId: string | undefined, usageAmount: number) =>
    detail({ usageAmount, ...(organizationId !== undefined && { organizationId }) });

  it('drops rows of other organizations before they are counted, and says how many', () => {
    const { rows, totals, droppedRows } = toUsageRows(
      [row('a', 1), row('b', 2), row('c', 4), row(undefined, 8)],
      new Set(['a', 'c']),
    );
    expect(rows.map((r) => r.organizationId)).toEqual(['a', 'c', undefined]);
    expect(totals).toEqual({ currency: 'USD', totalCents: 1300, rowCount: 3 });
    expect(droppedRows).toBe(1);
  });

  it('keeps every row when no list applies (a job from before the list existed)', () => {
    const { rows, droppedRows } = toUsageRows([row('a', 1), row('b', 2)]);
    expect(rows).toHaveLength(2);
    expect(droppedRows).toBe(0);
  });
});

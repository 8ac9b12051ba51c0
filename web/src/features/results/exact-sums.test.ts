import type { UsageRow } from '@ace/bff/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumCents } from '../../lib/money';
import { pivotOfRows } from '../../testing/cost-query-answers';

const MONTHS = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'];
const range = { first: '2025-01-01', last: '2025-04-01' };
const ROWS = 100_000;

/** Amounts as Atlas sends them (dollars with cents, credits negative), up to ±$10M a line. */
const cents = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });

function usageOf(amounts: number[]): UsageRow[] {
  return amounts.map((amountCents, i) => ({
    usageDate: MONTHS[i % MONTHS.length]!,
    usageAmountCents: amountCents,
    clusterId: `c${i % 997}`,
    clusterName: `cluster-${i % 997}`,
  }));
}

const exact = (values: Iterable<number>) => {
  let total = 0n;
  for (const value of values) total += BigInt(value);
  return total;
};

describe('sums of 100,000 amounts', () => {
  it('match a BigInt reference to the cent: grand, month and group totals', () => {
    fc.assert(
      fc.property(fc.array(cents, { minLength: ROWS, maxLength: ROWS }), (amounts) => {
        const usage = usageOf(amounts);
        const pivot = pivotOfRows(usage, 'clusters', range);
        expect(BigInt(pivot.grandTotalCents)).toBe(exact(amounts));
        expect(BigInt(sumCents(amounts))).toBe(exact(amounts));
        pivot.months.forEach((month, m) => {
          const inMonth = amounts.filter((_, i) => i % MONTHS.length === m);
          expect(BigInt(month.totalCents)).toBe(exact(inMonth));
        });
        const first = pivot.rows.find((row) => row.id === 'c0')!;
        expect(BigInt(first.totalCents)).toBe(exact(amounts.filter((_, i) => i % 997 === 0)));
      }),
      { numRuns: 3 },
    );
  });

  it('where adding the dollar floats would drift', () => {
    const amounts = Array.from({ length: ROWS }, () => 10); // 100,000 × $0.10 = $10,000.00
    const floats = amounts.reduce((sum, amountCents) => sum + amountCents / 100, 0);
    expect(floats).not.toBe(10_000);
    expect(pivotOfRows(usageOf(amounts), 'clusters', range).grandTotalCents).toBe(1_000_000);
  });
});

import type { UsageRow } from '@ace/bff/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doneAnswer } from '../../testing/cost-query-answers';
import { CSV, toSheet } from './csv';
import { detailFileLines } from './detail-export';

const source = {
  orgName: 'Acme',
  done: doneAnswer(),

  trail: undefined,
  now: new Date('2025-06-01T00:00:00Z'),
  generatedAt: new Date('2025-06-01T00:00:00Z'),
};

/** "-1234.05" → -123405n, without ever going through a float. */
function decimalToCents(value: string): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!match) throw new Error(`not a plain decimal: ${value}`);
  const cents = BigInt(match[2]!) * 100n + BigInt(match[3]!);
  return match[1] ? -cents : cents;
}

describe('the usage-rows CSV', () => {
  it('holds 100,000 amounts that add up, to the cent, to the exact total and its header', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), {
          minLength: 100_000,
          maxLength: 100_000,
        }),
        (amounts) => {
          const rows: UsageRow[] = amounts.map((cents, i) => ({
            usageDate: i % 2 ? '2025-01-01' : '2025-02-01',
            usageAmount: cents / 100,
            usageAmountCents: cents,
            service: 'Clusters',
          }));
          const csv = toSheet(CSV, detailFileLines(CSV, rows, undefined, source)).split('\r\n');
          const header = csv.findIndex((line) => line.startsWith('month,'));
          const data = csv.slice(header + 1, -1);
          expect(data).toHaveLength(100_000);
          const sum = data.reduce(
            (total, line) => total + decimalToCents(line.split(',').at(-1)!),
            0n,
          );
          const reference = amounts.reduce((total, cents) => total + BigInt(cents), 0n);
          expect(sum).toBe(reference);
          const stated = csv.find((line) => line.startsWith('# grand_total_usd,'))!.split(',')[1]!;
          expect(decimalToCents(stated)).toBe(reference);
        },
      ),
      { numRuns: 2 },
    );
  });
});

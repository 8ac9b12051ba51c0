import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeUsageRows,
  encodeUsageRows,
  summarizeUsage,
  usageRowSchema,
  usageRowsSchema,
  type UsageRow,
} from '../../src/contract';
import { upgradeLegacyResult } from '../../src/services/cost-queries/result-assembly';

// The rows route's column form (decision 017): every row comes back as it went, unknown keys
// and odd values included; a damaged answer is refused naming what is wrong.

const text = fc.oneof(fc.constantFrom('', ' ', 'a', 'Shop', '1'), fc.string({ maxLength: 6 }));
const row: fc.Arbitrary<UsageRow> = fc
  .record(
    {
      usageDate: fc.constantFrom('2025-01-01', '2025-02-01', '2025-02-28T23:00:00-05:00', 'junk'),
      usageAmountCents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
      projectId: text,
      projectName: text,
      clusterId: text,
      service: fc.constantFrom('Backup', 'Atlas Flex', 'Support'),
      organizationId: text,
      // Atlas's rows are open: unknown keys of any JSON type are kept.
      extra: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), text, fc.array(fc.integer())),
    },
    { requiredKeys: ['usageDate', 'usageAmountCents'] },
  )
  .map((r) => r as UsageRow);

describe('usage rows in columns', () => {
  it('decode to the rows they were made of, in order, through JSON', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const wire = JSON.parse(JSON.stringify(encodeUsageRows(rows))) as unknown;
        const parsed = usageRowsSchema.parse(wire);
        const decoded = decodeUsageRows(parsed);
        expect(decoded).toEqual({ rows });
        if ('rows' in decoded) {
          for (const r of decoded.rows) expect(usageRowSchema.safeParse(r).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keep a text apart from a value its text spells (a string that starts like JSON)', () => {
    const rows: UsageRow[] = [
      { usageDate: '2025-01-01', usageAmountCents: 1, extra: {} },
      { usageDate: '2025-01-01', usageAmountCents: 2, extra: '{}' },
      { usageDate: '2025-01-01', usageAmountCents: 3, extra: '\u0000{}' },
      { usageDate: '2025-01-01', usageAmountCents: 4, extra: 1 },
      { usageDate: '2025-01-01', usageAmountCents: 5, extra: '1' },
    ];
    const encoded = encodeUsageRows(rows);
    expect(encoded.values).toHaveLength(6);
    expect(decodeUsageRows(JSON.parse(JSON.stringify(encoded)) as never)).toEqual({ rows });
  });

  it('say what is wrong with a damaged answer, never a value', () => {
    const encoded = encodeUsageRows([
      { usageDate: '2025-01-01', usageAmountCents: 5, projectName: 'Secret Shop' },
      { usageDate: '2025-02-01', usageAmountCents: 7 },
    ]);
    const damaged = [
      { ...encoded, rowCount: 3 },
      { ...encoded, columns: encoded.columns.map((c) => c.slice(1)) },
      { ...encoded, columns: encoded.columns.map((c) => c.map(() => 99)) },
      { ...encoded, cents: [5, 7.5] },
      { ...encoded, values: encoded.values.map((v) => (v === 'Secret Shop' ? 42 : v)) },
    ];
    for (const answer of damaged) {
      const decoded = decodeUsageRows(answer);
      expect(decoded).toHaveProperty('problem');
      expect(JSON.stringify(decoded)).not.toContain('Secret');
    }
  });

  it('a result stored before the summary existed reads as today’s', () => {
    const rows: UsageRow[] = [
      { usageDate: '2025-01-01', usageAmountCents: 150, projectId: 'p1', projectName: 'Shop' },
      { usageDate: '2025-02-01', usageAmountCents: 250, projectId: 'p1', projectName: 'Shop' },
      { usageDate: '2025-02-01', usageAmountCents: 99, service: 'Support' },
    ];
    const legacy = JSON.stringify({
      usageDetails: rows,
      totals: { currency: 'USD', totalCents: 499, rowCount: 3 },
    });
    const query = { groupBy: 'projects' as const, startDate: '2025-01-01', endDate: '2025-03-01' };
    const upgraded = upgradeLegacyResult(legacy, query);
    expect(JSON.parse(upgraded!.payload)).toEqual({
      summary: summarizeUsage(rows, 'projects', { first: '2025-01-01', last: '2025-02-01' }),
      totals: { currency: 'USD', totalCents: 499, rowCount: 3 },
    });
    const detail = [...upgraded!.detail.pieces].join('');
    expect(decodeUsageRows(JSON.parse(detail) as never)).toEqual({ rows });
    expect(upgradeLegacyResult(upgraded!.payload, query)).toBeUndefined();
  });
});

describe('the summary', () => {
  it('puts every cent of a readable row in its group and month, and counts the rest apart', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const summary = summarizeUsage(rows, 'projects', {
          first: '2025-01-01',
          last: '2025-02-01',
        });
        const cells = summary.groups.flatMap((g) => g.cells.map((c) => c ?? 0));
        const sum = cells.reduce((a, b) => a + b, 0) + summary.unreadable.cents;
        expect(sum).toBe(rows.reduce((a, r) => a + r.usageAmountCents, 0));
        expect(summary.unreadable.rows).toBe(rows.filter((r) => r.usageDate === 'junk').length);
        // The offset timestamp is 1 March in UTC: a month of its own, after the question's.
        const offsetRows = rows.some((r) => r.usageDate.includes('T'));
        expect(summary.months.includes('2025-03-01')).toBe(offsetRows);
        for (const g of summary.groups) {
          expect(g.totalCents).toBe(g.cells.reduce<number>((a, c) => a + (c ?? 0), 0));
        }
      }),
      { numRuns: 300 },
    );
  });
});

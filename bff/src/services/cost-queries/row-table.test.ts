import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeUsageRows,
  encodeUsageRows,
  summarizeUsage,
  usageRowsSchema,
  type UsageRow,
} from '../../contract';
import { monthOfRow } from './month-slices';
import { RowTable } from './row-table';
import { PieceWriter } from './text-buffer';

// The table a result is composed in (decision 018) must make exactly the texts the row objects
// made before: a month's slice is JSON.stringify(rows), the rows route's columns are
// JSON.stringify(encodeUsageRows(rows)), the summary is summarizeUsage(rows). Tiny capacities
// make every run cross the typed arrays' growth several times; tiny pieces make every text
// several pieces (joined, they must be the text).

const TEXT_KEYS = [
  'invoiceId',
  'organizationId',
  'organizationName',
  'projectId',
  'projectName',
  'clusterId',
  'clusterUniqueId',
  'clusterName',
  'service',
];
// Unknown keys Atlas may send: kept, whatever they hold (an integer-like key is enumerated first).
const OTHER_KEYS = ['extra', '7', 'x-ü', '名前'];

const text = fc.oneof(
  fc.constantFrom('', ' ', 'a', 'Shop', '1', 'Zürich', '東京', '\u0000{}', 'x"y\\z', '😀'),
  fc.string({ maxLength: 5 }),
);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.constantFrom(-0, 1.5, 1e21),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('b', 'a'), fc.integer(), { maxKeys: 2 }),
);
const cents = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(-0, 0, 10 ** 12 + 7, -(10 ** 12)),
);

/** A row with some of the keys, in any order, the amount anywhere; undefined values included. */
const row: fc.Arbitrary<UsageRow> = fc
  .record({
    usageDate: fc.constantFrom('2025-01-01', '2025-02-01', '2025-02-28T23:00:00-05:00', 'junk'),
    amount: cents,
    texts: fc.uniqueArray(fc.constantFrom(...TEXT_KEYS), { maxLength: TEXT_KEYS.length }),
    others: fc.uniqueArray(fc.constantFrom(...OTHER_KEYS), { maxLength: 2 }),
    textValues: fc.array(fc.option(text, { nil: undefined }), {
      minLength: TEXT_KEYS.length,
      maxLength: TEXT_KEYS.length,
    }),
    otherValues: fc.array(anyValue, { minLength: 2, maxLength: 2 }),
    amountAt: fc.nat(12),
    dateAt: fc.nat(12),
  })
  .map((r) => {
    const entries: Array<[string, unknown]> = [
      ...r.texts.map((key, i): [string, unknown] => [key, r.textValues[i]]),
      ...r.others.map((key, i): [string, unknown] => [key, r.otherValues[i]]),
    ];
    entries.splice(Math.min(r.dateAt, entries.length), 0, ['usageDate', r.usageDate]);
    entries.splice(Math.min(r.amountAt, entries.length), 0, ['usageAmountCents', r.amount]);
    return Object.fromEntries(entries) as UsageRow;
  });

/** Rows as they reach the table: pushed as objects, or a stored part appended in columns. */
const source = fc.oneof(
  fc.record({ kind: fc.constant('objects' as const), rows: fc.array(row, { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('part' as const), rows: fc.array(row, { maxLength: 12 }) }),
);

interface Built {
  table: RowTable;
  /** The rows as the path before 018 held them: each object, or a part's decoded rows. */
  objects: UsageRow[];
}

function build(
  sources: ReadonlyArray<{ kind: 'objects' | 'part'; rows: UsageRow[] }>,
  cap: number,
  pieceBytes?: number,
) {
  const table = new RowTable(cap, pieceBytes);
  const objects: UsageRow[] = [];
  for (const s of sources) {
    if (s.kind === 'objects') {
      for (const r of s.rows) {
        expect(table.push(r)).toBe(objects.length);
        objects.push(r);
      }
    } else {
      const wire = usageRowsSchema.parse(JSON.parse(JSON.stringify(encodeUsageRows(s.rows))));
      const decoded = decodeUsageRows(wire);
      if (!('rows' in decoded)) throw new Error(decoded.problem);
      expect(table.appendEncoded(wire)).toBe(objects.length);
      objects.push(...decoded.rows);
    }
  }
  expect(table.length).toBe(objects.length);
  return { table, objects } satisfies Built;
}

const scenario = fc
  .record({
    sources: fc.array(source, { maxLength: 6 }),
    capacity: fc.integer({ min: 1, max: 5 }),
    pieceBytes: fc.integer({ min: 1, max: 80 }),
    seed: fc.integer(),
  })
  .chain(({ sources, capacity, pieceBytes, seed }) => {
    const count = sources.reduce((n, s) => n + s.rows.length, 0);
    const indexes = Array.from({ length: count }, (_, i) => i);
    // The composed order: any subset of the rows, in any order (composition drops and reorders).
    return fc
      .shuffledSubarray(indexes)
      .map((order) => ({ sources, capacity, pieceBytes, seed, order }));
  });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Joined, the pieces are the text; none is empty or cuts a surrogate pair, and only a piece
 * made of one long token (a value longer than a piece) is longer than a piece.
 */
function expectPieces(pieces: string[], text: string, pieceBytes: number) {
  expect(pieces.join('')).toBe(text);
  const width = /[\u0100-\uffff]/.test(text) ? 2 : 1;
  for (const piece of pieces) {
    expect(piece.length).toBeGreaterThan(0);
    expect(piece).not.toMatch(LONE_SURROGATE);
    if (piece.length * width > Math.max(pieceBytes, 24 * width)) {
      expect(text).toContain(piece);
    }
  }
}

describe('rows in a table of columns', () => {
  it('make the same slice text, rows-route text, summary and totals as the row objects', () => {
    fc.assert(
      fc.property(scenario, ({ sources, capacity, pieceBytes, order }) => {
        const { table, objects } = build(sources, capacity, pieceBytes);
        const rows = order.map((i) => objects[i]!);
        expectPieces([...table.rowsPieces(order)], JSON.stringify(rows), pieceBytes);
        expectPieces(
          [...table.detailPieces(order)],
          JSON.stringify(encodeUsageRows(rows)),
          pieceBytes,
        );
        for (const groupBy of [undefined, 'projects', 'clusters'] as const) {
          const range = { first: '2025-01-01', last: '2025-02-01' };
          expect(summarizeUsage(table.view(order), groupBy, range)).toEqual(
            summarizeUsage(rows, groupBy, range),
          );
        }
        expect(table.centsOf(order)).toBe(rows.reduce((sum, r) => sum + r.usageAmountCents, 0));
        order.forEach((r, i) => {
          expect(table.monthOf(r)).toBe(monthOfRow(rows[i]!));
          expect(table.valueOf(r, 'clusterId')).toBe(rows[i]!.clusterId);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('grow past many boundaries with one shape and keep every row', () => {
    const table = new RowTable(1);
    const rows: UsageRow[] = [];
    for (let i = 0; i < 5_000; i++) {
      const r: UsageRow = {
        usageDate: `2025-0${(i % 9) + 1}-01`,
        clusterId: `c${i % 701}`,
        usageAmountCents: i * 7 - 3_000,
        ...(i % 3 === 0 && { service: 'Backup' }),
      };
      rows.push(r);
      table.push(r);
    }
    const order = rows.map((_, i) => i);
    expect(table.rowsJson(order)).toBe(JSON.stringify(rows));
    expect(table.detailJson(order)).toBe(JSON.stringify(encodeUsageRows(rows)));
  });

  it('refuses a damaged part, naming what is wrong', () => {
    const encoded = encodeUsageRows([{ usageDate: '2025-01-01', usageAmountCents: 5 }]);
    expect(() => new RowTable().appendEncoded({ ...encoded, cents: [5.5] })).toThrow(
      /a stored part is damaged: cents\[0\]/,
    );
  });
});

describe('texts made in pieces', () => {
  it('join to the same text, in either encoding, numbers as JSON writes them', () => {
    const token = fc.oneof(
      fc.string({ maxLength: 8 }).map((s) => ({ s })),
      fc.constantFrom('😀', '東京', 'Zürich').map((s) => ({ s })),
      fc
        .oneof(
          fc.integer(),
          fc.constantFrom(-0, 0.5, -1e21, 2 ** 53, Number.MAX_SAFE_INTEGER, -9_007_199_254_740_991),
        )
        .map((n) => ({ n })),
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 30 }),
        fc.integer({ min: 1, max: 40 }),
        (tokens, pieceBytes) => {
          const expected = tokens.map((t) => ('s' in t ? t.s : JSON.stringify(t.n))).join('');
          const latin1 = [...expected].every((c) => c.charCodeAt(0) < 0x100);
          for (const encoding of latin1
            ? (['latin1', 'utf16le'] as const)
            : (['utf16le'] as const)) {
            const out = new PieceWriter(encoding, pieceBytes);
            const pieces: string[] = [];
            for (const t of tokens) {
              if ('s' in t) out.add(t.s);
              else out.addNumber(t.n);
              if (out.ready) pieces.push(...out.take());
            }
            pieces.push(...out.end());
            expectPieces(pieces, expected, pieceBytes);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { checkUsageRows, type UsageRow, type UsageRows } from '../../contract';
import { isLatin1, PIECE_BYTES, PieceWriter } from './text-buffer';

/**
 * A result's usage rows held in columns while it is composed, summed and stored (decision 018):
 * each distinct value once, each row's value an index into them (Int32Array per field, -1: the
 * row lacks the field), the cents in a Float64Array, and per row its "shape" — which keys it
 * has, in its own order — so every text made from the table is byte for byte what
 * `JSON.stringify` of the row objects was: a month's slice (`rowsPieces`) and the rows route's
 * columns (`detailPieces`, equal to `JSON.stringify(encodeUsageRows(rows))`), each made in
 * pieces (text-buffer.ts). A million rows are ~60 MB here instead of ~250 MB of objects.
 */

/** In a shape, where the row's `usageAmountCents` key is. */
const CENTS = -1;
/** Growth factor of the typed arrays (1.5 rather than 2: at a million rows, slack is memory). */
const GROWTH = 1.5;

type FieldValue = string | number | boolean | null | object;

/** The order a JavaScript object enumerates these keys in (integer-like keys come first). */
function keyOrder(keys: readonly string[]): string[] {
  const object: Record<string, true> = {};
  for (const key of keys) object[key] = true;
  return Object.keys(object);
}

const MONTH_OF_DATE = /^(\d{4})-(\d{2})/;

export class RowTable {
  /** Every field but the amount, in order of first appearance in the table. */
  private readonly fields: string[] = [];
  private readonly fieldIndex = new Map<string, number>();
  private readonly values: FieldValue[] = [];
  /** Strings by themselves, other values by their JSON, apart: as `encodeUsageRows`. */
  private readonly stringIndex = new Map<string, number>();
  private readonly jsonIndex = new Map<string, number>();
  private columns: Int32Array[] = [];
  private cents: Float64Array;
  private shapeIds: Int32Array;
  /** Each distinct key list: field indexes in the row's key order, CENTS for the amount. */
  private readonly shapes: Int32Array[] = [];
  private readonly shapeIndex = new Map<string, number>();
  private capacity: number;
  private scratch = new Int32Array(16);
  private lastShape = -1;
  private lastKeys = new Int32Array(0);
  private lastReorder = false;
  /** Some field or value has a character past U+00FF: texts are made two bytes a character. */
  private wide = false;
  private sealed = false;
  length = 0;

  /** `pieceBytes`: the most bytes of one piece of the texts made from the table. */
  constructor(
    initialCapacity = 4096,
    private readonly pieceBytes = PIECE_BYTES,
  ) {
    this.capacity = Math.max(1, initialCapacity);
    this.cents = new Float64Array(this.capacity);
    this.shapeIds = new Int32Array(this.capacity);
  }

  /** A row object (Atlas's converted row, a kept slice's, a legacy part's); returns its index. */
  push(row: UsageRow): number {
    const r = this.reserve();
    let n = 0;
    let amount: unknown;
    const record = row as Record<string, FieldValue | undefined>;
    for (const key in record) {
      const value = record[key];
      if (value === undefined) continue;
      if (n >= this.scratch.length) this.scratch = resize(this.scratch, this.scratch.length * 2);
      if (key === 'usageAmountCents') {
        amount = value;
        this.scratch[n++] = CENTS;
        continue;
      }
      const f = this.field(key);
      this.scratch[n++] = f;
      this.columns[f]![r] = this.intern(value);
    }
    if (typeof amount !== 'number') throw new TypeError(`not integer cents: ${String(amount)}`);
    this.cents[r] = amount;
    this.shapeIds[r] = this.shapeOf(n, false);
    this.length = r + 1;
    return r;
  }

  /**
   * Rows in the column form (a stored part): appended without making them objects. Throws when
   * the columns do not fit together (`checkUsageRows`). Returns the first new row's index.
   */
  appendEncoded(encoded: UsageRows): number {
    const problem = checkUsageRows(encoded);
    if (problem) throw new Error(`a stored part is damaged: ${problem}`);
    const first = this.length;
    const { rowCount, fields, values, columns } = encoded;
    const fieldMap = fields.map((name) => this.field(name));
    const valueMap = new Int32Array(values.length).fill(-1);
    if (this.capacity < first + rowCount) this.growTo(first + rowCount);
    for (let i = 0; i < rowCount; i++) {
      const r = first + i;
      let n = 0;
      for (let f = 0; f < fields.length; f++) {
        const v = columns[f]![i]!;
        if (v < 0) continue;
        let mapped = valueMap[v]!;
        if (mapped < 0) mapped = valueMap[v] = this.intern(values[v] as FieldValue);
        const target = fieldMap[f]!;
        this.columns[target]![r] = mapped;
        if (n >= this.scratch.length) this.scratch = resize(this.scratch, this.scratch.length * 2);
        this.scratch[n++] = target;
      }
      if (n >= this.scratch.length) this.scratch = resize(this.scratch, this.scratch.length * 2);
      // A decoded row got its fields in the columns' order, then the amount.
      this.scratch[n++] = CENTS;
      this.cents[r] = encoded.cents[i]!;
      this.shapeIds[r] = this.shapeOf(n, true);
      this.length = r + 1;
    }
    return first;
  }

  /**
   * Nothing more will be added: the maps that found each value's index go (a million rows have
   * a few hundred thousand distinct values). Adding after this throws.
   */
  seal(): void {
    this.sealed = true;
    this.stringIndex.clear();
    this.jsonIndex.clear();
    // The growth's slack goes too (up to a third of the arrays: ~18 MB at a million rows).
    if (this.capacity > this.length) {
      const capacity = Math.max(1, this.length);
      this.columns = this.columns.map((column) => resize(column, capacity));
      this.cents = this.cents.slice(0, capacity);
      this.shapeIds = resize(this.shapeIds, capacity);
      this.capacity = capacity;
    }
  }

  /** The value of `field` in row `r`, undefined when the row lacks it. */
  valueOf(r: number, field: string): unknown {
    const f = this.fieldIndex.get(field);
    if (f === undefined) return undefined;
    const v = this.columns[f]![r]!;
    return v < 0 ? undefined : this.values[v];
  }

  private readonly monthOfValue = new Map<number, string | undefined>();

  /** The month row `r` is billed in (as `monthOfRow`), undefined when it is not a date. */
  monthOf(r: number): string | undefined {
    const f = this.fieldIndex.get('usageDate');
    const v = f === undefined ? -1 : this.columns[f]![r]!;
    if (this.monthOfValue.has(v)) return this.monthOfValue.get(v);
    // As monthOfRow: exec reads whatever the row holds as text (a missing date: 'undefined').
    const match = MONTH_OF_DATE.exec(v < 0 ? 'undefined' : (this.values[v] as string));
    const month = match ? `${match[1]}-${match[2]}-01` : undefined;
    this.monthOfValue.set(v, month);
    return month;
  }

  /** Sum of the rows' cents (integers: exact below 2^53). */
  centsOf(rows: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < rows.length; i++) total += this.cents[rows[i]!]!;
    return total;
  }

  /**
   * The rows as a row object would read, one at a time: one object whose getters read row
   * `rows[i]` while it is current. For a single pass that keeps no row (summarizeUsage).
   */
  *view(rows: ArrayLike<number>): Generator<UsageRow> {
    let r = 0;
    const row = {} as UsageRow;
    const { columns, values, cents } = this;
    this.fields.forEach((name, f) => {
      Object.defineProperty(row, name, {
        enumerable: true,
        get: () => {
          const v = columns[f]![r]!;
          return v < 0 ? undefined : values[v];
        },
      });
    });
    Object.defineProperty(row, 'usageAmountCents', { enumerable: true, get: () => cents[r] });
    for (let i = 0; i < rows.length; i++) {
      r = rows[i]!;
      yield row;
    }
  }

  /** `JSON.stringify` of the rows as objects (what a month's slice stores), in pieces. */
  *rowsPieces(rows: ArrayLike<number>): Generator<string> {
    const keys = this.fields.map((name) => `${JSON.stringify(name)}:`);
    const texts = new Map<number, string>();
    const out = this.writer();
    out.add('[');
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const shape = this.shapes[this.shapeIds[r]!]!;
      out.add(i === 0 ? '{' : ',{');
      for (let k = 0; k < shape.length; k++) {
        const f = shape[k]!;
        if (k > 0) out.add(',');
        if (f === CENTS) {
          out.add('"usageAmountCents":');
          out.addNumber(this.cents[r]!);
          continue;
        }
        const v = this.columns[f]![r]!;
        let json = texts.get(v);
        if (json === undefined) {
          json = JSON.stringify(this.values[v]);
          texts.set(v, json);
        }
        out.add(keys[f]!);
        out.add(json);
      }
      out.add('}');
      if (out.ready) yield* out.take();
    }
    out.add(']');
    yield* out.end();
  }

  /** The same as one string (tests, and texts known to be small). */
  rowsJson(rows: ArrayLike<number>): string {
    return [...this.rowsPieces(rows)].join('');
  }

  /**
   * `JSON.stringify(encodeUsageRows(rows as objects))`, made from the columns: fields and values
   * numbered in order of first appearance among these rows; in pieces.
   */
  *detailPieces(rows: ArrayLike<number>): Generator<string> {
    const count = rows.length;
    // Fields by first appearance: a row's fields in its key order (shapes are few).
    const fieldOrder: number[] = [];
    const fieldSeen = new Uint8Array(this.fields.length);
    const shapeSeen = new Uint8Array(this.shapes.length);
    for (let i = 0; i < count; i++) {
      const s = this.shapeIds[rows[i]!]!;
      if (shapeSeen[s]) continue;
      shapeSeen[s] = 1;
      for (const f of this.shapes[s]!) {
        if (f !== CENTS && !fieldSeen[f]) {
          fieldSeen[f] = 1;
          fieldOrder.push(f);
        }
      }
    }
    // Values by first appearance, row by row, each row's fields in its key order.
    const renumber = new Int32Array(this.values.length).fill(-1);
    const valueOrder: number[] = [];
    for (let i = 0; i < count; i++) {
      const r = rows[i]!;
      for (const f of this.shapes[this.shapeIds[r]!]!) {
        if (f === CENTS) continue;
        const v = this.columns[f]![r]!;
        if (renumber[v]! < 0) {
          renumber[v] = valueOrder.length;
          valueOrder.push(v);
        }
      }
    }
    const values = valueOrder.map((v) => JSON.stringify(this.values[v]));
    const out = this.writer();
    out.add(`{"rowCount":${count},"cents":[`);
    for (let i = 0; i < count; i++) {
      if (i > 0) out.add(',');
      out.addNumber(this.cents[rows[i]!]!);
      if (out.ready) yield* out.take();
    }
    out.add(`],"fields":${JSON.stringify(fieldOrder.map((f) => this.fields[f]))},"values":[`);
    for (let j = 0; j < valueOrder.length; j++) {
      if (j > 0) out.add(',');
      out.add(values[j]!);
      if (out.ready) yield* out.take();
    }
    out.add('],"columns":[');
    for (let c = 0; c < fieldOrder.length; c++) {
      const column = this.columns[fieldOrder[c]!]!;
      out.add(c === 0 ? '[' : ',[');
      for (let i = 0; i < count; i++) {
        if (i > 0) out.add(',');
        const v = column[rows[i]!]!;
        out.addNumber(v < 0 ? -1 : renumber[v]!);
        if (out.ready) yield* out.take();
      }
      out.add(']');
    }
    out.add(']}');
    yield* out.end();
  }

  /** The same as one string (tests, and texts known to be small). */
  detailJson(rows: ArrayLike<number>): string {
    return [...this.detailPieces(rows)].join('');
  }

  private writer(): PieceWriter {
    return new PieceWriter(this.wide ? 'utf16le' : 'latin1', this.pieceBytes);
  }

  private reserve(): number {
    if (this.length === this.capacity) this.growTo(this.length + 1);
    return this.length;
  }

  private growTo(need: number): void {
    const capacity = Math.max(need, Math.ceil(this.capacity * GROWTH));
    this.columns = this.columns.map((column) => resize(column, capacity, -1));
    const cents = new Float64Array(capacity);
    cents.set(this.cents);
    this.cents = cents;
    this.shapeIds = resize(this.shapeIds, capacity);
    this.capacity = capacity;
  }

  private field(name: string): number {
    let f = this.fieldIndex.get(name);
    if (f === undefined) {
      f = this.fields.length;
      if (!isLatin1(name)) this.wide = true;
      this.fieldIndex.set(name, f);
      this.fields.push(name);
      this.columns.push(new Int32Array(this.capacity).fill(-1));
    }
    return f;
  }

  private intern(value: FieldValue): number {
    if (this.sealed) throw new Error('the table is sealed: nothing more may be added');
    const text = typeof value === 'string';
    const index = text ? this.stringIndex : this.jsonIndex;
    const key = text ? value : JSON.stringify(value);
    let v = index.get(key);
    if (v === undefined) {
      v = this.values.length;
      if (!this.wide && !isLatin1(key)) this.wide = true;
      index.set(key, v);
      this.values.push(value);
    }
    return v;
  }

  /** The shape of the `n` keys in scratch; `reorder`: put them in the order an object would. */
  private shapeOf(n: number, reorder: boolean): number {
    // Rows mostly repeat the previous row's keys: compared before any text is made.
    const last = this.lastKeys;
    if (last.length === n && this.lastReorder === reorder) {
      let same = true;
      for (let k = 0; k < n && same; k++) same = last[k] === this.scratch[k];
      if (same) return this.lastShape;
    }
    const keys = this.scratch.slice(0, n);
    const key = `${reorder ? 'r' : 'o'}${keys.join(',')}`;
    let s = this.shapeIndex.get(key);
    if (s === undefined) {
      let shape = keys;
      if (reorder) {
        const names = [...keys].map((f) => (f === CENTS ? 'usageAmountCents' : this.fields[f]!));
        shape = Int32Array.from(keyOrder(names), (name) =>
          name === 'usageAmountCents' ? CENTS : this.fieldIndex.get(name)!,
        );
      }
      s = this.shapes.length;
      this.shapes.push(shape);
      this.shapeIndex.set(key, s);
    }
    this.lastKeys = keys;
    this.lastReorder = reorder;
    this.lastShape = s;
    return s;
  }
}

/** A copy of `array` with room for `capacity` (new entries `fill`). */
function resize(array: Int32Array, capacity: number, fill = 0): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array.subarray(0, Math.min(array.length, capacity)));
  if (fill !== 0 && capacity > array.length) grown.fill(fill, array.length);
  return grown;
}

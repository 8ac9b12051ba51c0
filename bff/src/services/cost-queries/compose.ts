import type { UsageRow } from '../../contract';
import { monthOfRow, monthsIn, rowsByMonth } from './month-slices';
import { mergeSplitRows, partSpan, type QueryPlan, type RowAccess } from './query-plan';

/**
 * Rows are anything `access` reads a month and an id from: row objects, or indexes of rows kept
 * in columns (row-table.ts), which is how a result is composed (decision 018).
 */
export interface ComposeInput<R = UsageRow> {
  /** Every month of the question, in order. */
  months: readonly string[];
  plan: QueryPlan;
  /** Each part's rows, in the plan's order. */
  partRows: ReadonlyArray<readonly R[]>;
  /** The rows of the months the plan did not ask for (kept slices). */
  known: ReadonlyMap<string, readonly R[]>;
  access?: RowAccess<R>;
}

export interface Composed<R = UsageRow> {
  rows: R[];
  /** The rows of each month Atlas was asked for now, to store as slices. */
  fetched: Map<string, R[]>;
  /** Spans whose rows could not all be placed in a month: used whole, not sliced. */
  unsliced: number;
  /** Months neither asked for nor known (a kept slice that went away meanwhile). */
  missing: string[];
}

/**
 * The question's rows, month by month in order: a fetched span's months from its parts (merged
 * when split by ids), the other months from their slices. This is what makes a range composed
 * of slices identical to one Atlas query over it (see the property test).
 */
export function composeRows<R = UsageRow>(input: ComposeInput<R>): Composed<R> {
  const { months, plan, partRows, known } = input;
  const access = input.access ?? (objectAccess as unknown as RowAccess<R>);
  const spans = new Map<string, { months: string[]; rows: Array<readonly R[]> }>();
  plan.parts.forEach((part, i) => {
    const key = part.startDate;
    const span = spans.get(key) ?? { months: monthsIn(partSpan(part)), rows: [] };
    span.rows.push(partRows[i] ?? []);
    spans.set(key, span);
  });
  const fetched = new Map<string, R[]>();
  const whole = new Map<string, R[]>();
  let unsliced = 0;
  for (const [first, span] of spans) {
    const merged =
      plan.split && span.rows.length > 1
        ? mergeSplitRows(span.rows, plan.split.dimension, access)
        : span.rows.flat();
    const byMonth = rowsByMonth(merged, span.months, access);
    if (byMonth) {
      for (const [month, rows] of byMonth) fetched.set(month, rows);
    } else {
      unsliced += 1;
      whole.set(first, merged);
      for (const month of span.months) fetched.delete(month);
    }
  }
  const rows: R[] = [];
  const missing: string[] = [];
  const covered = new Set([...spans.values()].flatMap((s) => s.months));
  for (const month of months) {
    const wholeSpan = whole.get(month);
    if (wholeSpan) append(rows, wholeSpan);
    if (covered.has(month)) {
      const monthRows = fetched.get(month);
      if (monthRows) append(rows, monthRows);
      continue;
    }
    const kept = known.get(month);
    if (kept) append(rows, kept);
    else missing.push(month);
  }
  return { rows, fetched, unsliced, missing };
}

/** How row objects are read. */
export const objectAccess: RowAccess<UsageRow> = {
  month: monthOfRow,
  value: (row, field) => row[field],
};

/** `push(...rows)` would pass 100,000+ arguments (a stack overflow): one at a time. */
function append<R>(target: R[], rows: readonly R[]): void {
  for (const row of rows) target.push(row);
}

import { z } from 'zod';
import { groupBySchema, type GroupBy, type MonthSpan } from './dashboard-query';
import { isMonthStart, monthFromIndex, monthIndex, monthStartSchema } from './months';
import type { UsageRow } from './usage';

// What a finished result carries for the first screen (decision 017): the group × month cents
// the chart and pivot draw, computed once by the BFF, instead of every usage row. The rows come
// separately (`GET …/cost-queries/:id/rows`), only when the detail tab or an export needs them,
// in the compact column form below.

/** An entity a usage row is about, for one dimension: its id, and Atlas's name for it if sent. */
export interface EntityRef {
  id: string;
  name: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function ref(id: unknown, name: unknown): EntityRef | null {
  const key = text(id) ?? text(name);
  return key ? { id: key, name: text(name) } : null;
}

/** The row's id for a dimension (what usageEntityOf(row).id is), without allocating: hot loops. */
export function usageEntityIdOf(row: UsageRow, dimension: GroupBy): string | undefined {
  switch (dimension) {
    case 'organizations':
      return text(row.organizationId) ?? text(row.organizationName);
    case 'projects':
      return text(row.projectId) ?? text(row.projectName);
    case 'clusters':
      return text(row.clusterId ?? row.clusterUniqueId) ?? text(row.clusterName);
    case 'services':
      return text(row.service);
  }
}

/**
 * The row's value for a dimension, or null when the row has none (a partial match: support or
 * credits have no cluster). A service's id is its name.
 */
export function usageEntityOf(row: UsageRow, dimension: GroupBy): EntityRef | null {
  switch (dimension) {
    case 'organizations':
      return ref(row.organizationId, row.organizationName);
    case 'projects':
      return ref(row.projectId, row.projectName);
    case 'clusters':
      // The BFF copies Atlas's "clusterUniqueId" to clusterId; accept either spelling.
      return ref(row.clusterId ?? row.clusterUniqueId, row.clusterName);
    case 'services':
      return ref(row.service, row.service);
  }
}

const DAY = /^(\d{4})-(\d{2})-\d{2}$/;

/**
 * The month (`YYYY-MM-01`, UTC) an Atlas `usageDate` falls in: a plain date's own month, an ISO
 * timestamp's month in UTC; null when it is not a date.
 */
export function usageMonthOf(usageDate: string): string | null {
  const day = DAY.exec(usageDate);
  if (day) {
    const month = `${day[1]}-${day[2]}-01`;
    return isMonthStart(month) ? month : null;
  }
  const at = Date.parse(usageDate);
  if (Number.isNaN(at)) return null;
  const date = new Date(at);
  return monthFromIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
}

const cents = z.number().int();

/**
 * A group's cents per month: integers, or null for a month without a usage row. Checked in one
 * pass by one function rather than by a schema per cell: a summary of 12,611 groups × 19 months
 * is 240,000 cells, and interpreted zod (the page runs it JIT-less, lib/zod-jitless.ts) spent
 * ~2.5× as long on them (`pnpm bench:render`'s "poll read, JSON.parse, check"). The metadata
 * keeps the OpenAPI document's exact type.
 */
const monthCells = z
  .custom<(number | null)[]>(
    (value) => Array.isArray(value) && value.every((c) => c === null || Number.isSafeInteger(c)),
    { message: 'expected an array of integer cents or null, one per month' },
  )
  .meta({ type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'null' }] } });

export const costSummaryGroupSchema = z.object({
  /** The group's id for the dimension (a service's name); absent for usage without one. */
  id: z.string().optional(),
  /** Atlas's name for the group, from its first row. */
  name: z.string().optional(),
  /** The organization of the group's first row (drilling into a project needs it). */
  organizationId: z.string().optional(),
  /** What a clashing name is told apart by: a cluster's project, a project's organization. */
  parentName: z.string().optional(),
  /** Integer cents per month of `months`; null where the group has no usage row that month. */
  cells: monthCells,
  totalCents: cents,
});
export type CostSummaryGroup = z.infer<typeof costSummaryGroupSchema>;

export const costSummarySchema = z.object({
  /** The question's group-by, or services when it has none (Atlas's rows are per service then). */
  dimension: groupBySchema,
  /** Every month of the question, and any other month a row is dated in, oldest first. */
  months: z.array(monthStartSchema),
  /** Biggest total first; usage without a group last. */
  groups: z.array(costSummaryGroupSchema),
  /** Rows whose `usageDate` is not a date: counted here, not silently dropped. */
  unreadable: z.object({ rows: z.number().int().nonnegative(), cents }),
});
export type CostSummary = z.infer<typeof costSummarySchema>;

/**
 * Usage rows → group × month in integer cents. Plain integer additions are exact while every
 * partial sum stays below 2^53 cents, which is checked.
 */
export function summarizeUsage(
  rows: Iterable<UsageRow>,
  groupBy: GroupBy | undefined,
  /** The months the question covers, both included. */
  range: MonthSpan,
): CostSummary {
  const dimension = groupBy ?? 'services';
  const monthOfDate = new Map<string, string | null>();
  const months = new Set<string>();
  for (let i = monthIndex(range.first); i <= monthIndex(range.last); i++) {
    months.add(monthFromIndex(i));
  }
  interface Open {
    group: CostSummaryGroup;
    /** Cents by the month's slot (`slotOf`): a plain array, not a Map per group (62,000 groups). */
    sums: Array<number | undefined>;
  }
  const slotOf = new Map<string, number>();
  const groups = new Map<string | undefined, Open>();
  const unreadable = { rows: 0, cents: 0 };
  let magnitude = 0;
  for (const row of rows) {
    const amount = row.usageAmountCents;
    if (!Number.isInteger(amount)) throw new TypeError(`not integer cents: ${amount}`);
    magnitude += Math.abs(amount);
    let month = monthOfDate.get(row.usageDate);
    if (month === undefined) {
      month = usageMonthOf(row.usageDate);
      monthOfDate.set(row.usageDate, month);
      if (month) months.add(month);
    }
    if (month === null) {
      unreadable.rows += 1;
      unreadable.cents += amount;
      continue;
    }
    const key = usageEntityIdOf(row, dimension);
    let open = groups.get(key);
    if (!open) {
      const entity = key === undefined ? null : usageEntityOf(row, dimension);
      const parentName = text(dimension === 'clusters' ? row.projectName : row.organizationName);
      const organizationId = text(row.organizationId);
      open = {
        group: {
          ...(entity && { id: entity.id }),
          ...(entity?.name !== undefined && { name: entity.name }),
          ...(organizationId !== undefined && { organizationId }),
          ...(parentName !== undefined && { parentName }),
          cells: [],
          totalCents: 0,
        },
        sums: [],
      };
      groups.set(key, open);
    }
    let slot = slotOf.get(month);
    if (slot === undefined) {
      slot = slotOf.size;
      slotOf.set(month, slot);
    }
    open.sums[slot] = (open.sums[slot] ?? 0) + amount;
    open.group.totalCents += amount;
  }
  if (magnitude > Number.MAX_SAFE_INTEGER) throw new RangeError('amounts exceed exact cents');
  const columns = [...months].sort();
  const slots = columns.map((month) => slotOf.get(month) ?? -1);
  const list = [...groups.values()].map(({ group, sums }) => {
    group.cells = slots.map((slot) => sums[slot] ?? null);
    return group;
  });
  list.sort(
    (a, b) =>
      Number(a.id === undefined) - Number(b.id === undefined) ||
      b.totalCents - a.totalCents ||
      (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0),
  );
  return { dimension, months: columns, groups: list, unreadable };
}

/** A JSON value a usage row field may hold (Atlas's rows are open: unknown keys are kept). */
type FieldValue = string | number | boolean | null | object;

/**
 * Usage rows in columns, for `GET …/cost-queries/:id/rows`: each distinct field value once in
 * `values`, each row's value as an index into it (-1: the row has no such field), the amounts as
 * plain integer cents. 100,000 rows are ~5 MB here against ~30 MB as objects, and decode in tens
 * of milliseconds.
 */
export const usageRowsSchema = z.object({
  rowCount: z.number().int().nonnegative(),
  /** `usageAmountCents` of each row, in order. */
  cents: z.array(cents),
  /** Every other field any row has, in order of first appearance. */
  fields: z.array(z.string()),
  values: z.array(z.unknown()),
  /** One column per field: `rowCount` indexes into `values`, -1 where a row lacks the field. */
  columns: z.array(z.array(z.number().int().min(-1))),
});
export type UsageRows = z.infer<typeof usageRowsSchema>;

export function encodeUsageRows(rows: Iterable<UsageRow>): UsageRows {
  const fieldIndex = new Map<string, number>();
  const fields: string[] = [];
  const columns: number[][] = [];
  const values: FieldValue[] = [];
  // Strings by themselves, other values by their JSON, in two maps: 1 and '1' stay apart, and so
  // do a string and a value whose JSON it spells.
  const stringIndex = new Map<string, number>();
  const jsonIndex = new Map<string, number>();
  const amounts: number[] = [];
  let count = 0;
  for (const row of rows) {
    amounts.push(row.usageAmountCents);
    for (const field in row) {
      if (field === 'usageAmountCents') continue;
      const value = (row as Record<string, FieldValue | undefined>)[field];
      if (value === undefined) continue;
      let f = fieldIndex.get(field);
      if (f === undefined) {
        f = fields.length;
        fieldIndex.set(field, f);
        fields.push(field);
        columns.push(new Array<number>(count).fill(-1));
      }
      const index = typeof value === 'string' ? stringIndex : jsonIndex;
      const key = typeof value === 'string' ? value : JSON.stringify(value);
      let v = index.get(key);
      if (v === undefined) {
        v = values.length;
        index.set(key, v);
        values.push(value);
      }
      columns[f]![count] = v;
    }
    count += 1;
    for (const column of columns) if (column.length < count) column.push(-1);
  }
  return { rowCount: count, cents: amounts, fields, values, columns };
}

/** The row fields the contract types as text (usageRowSchema). */
const TEXT_FIELDS = new Set([
  'usageDate',
  'invoiceId',
  'organizationId',
  'organizationName',
  'projectId',
  'projectName',
  'clusterId',
  'clusterName',
  'service',
]);

/**
 * What is wrong with rows in columns (what, never the values), or undefined when the columns fit
 * together and every row would be a usage row: one pass over every index and amount.
 */
export function checkUsageRows(encoded: UsageRows): string | undefined {
  const { rowCount, cents: amounts, fields, values, columns } = encoded;
  if (amounts.length !== rowCount) return 'cents: not one per row';
  if (columns.length !== fields.length) return 'columns: not one per field';
  for (let f = 0; f < fields.length; f++) {
    const column = columns[f]!;
    const mustBeText = TEXT_FIELDS.has(fields[f]!);
    if (column.length !== rowCount) return `columns[${f}]: not one per row`;
    for (const v of column) {
      if (v >= values.length) return `columns[${f}]: index outside values`;
      if (mustBeText && v >= 0 && typeof values[v] !== 'string') {
        return `${fields[f]}: not text`;
      }
    }
  }
  const dates = columns[fields.indexOf('usageDate')];
  for (let r = 0; r < rowCount; r++) {
    if (!Number.isSafeInteger(amounts[r])) return `cents[${r}]: not integer cents`;
    if (!dates || dates[r]! < 0) return `row ${r}: no usageDate`;
  }
  return undefined;
}

/**
 * The rows back as objects; an error (what is wrong, never the values) when the columns do not
 * fit together or a row would not be a usage row.
 */
export function decodeUsageRows(encoded: UsageRows): { rows: UsageRow[] } | { problem: string } {
  const problem = checkUsageRows(encoded);
  if (problem !== undefined) return { problem };
  const { rowCount, cents: amounts, fields, values, columns } = encoded;
  const rows: UsageRow[] = new Array<UsageRow>(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const row: Record<string, unknown> = {};
    for (let f = 0; f < fields.length; f++) {
      const v = columns[f]![r]!;
      if (v >= 0) row[fields[f]!] = values[v];
    }
    row.usageAmountCents = amounts[r];
    rows[r] = row as UsageRow;
  }
  return { rows };
}

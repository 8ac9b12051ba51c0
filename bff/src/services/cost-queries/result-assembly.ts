import {
  encodeUsageRows,
  monthIndex,
  retentionWindow,
  summarizeUsage,
  type KeptMonth,
  type UsageRow,
  type UsageRows,
} from '../../contract';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import type {
  JobRecord,
  NewSliceRecord,
  ResultRepository,
  SliceRecord,
  SliceRepository,
} from '../../store/job-types';
import { monthsOf } from './atlas-query';
import type { CacheTtls } from './cache-policy';
import { composeRows } from './compose';
import { planOf, type JobQuery } from './job-query';
import { monthsIn, sliceExpiresAt, sliceKeyOf } from './month-slices';
import { partSpan, type RowAccess } from './query-plan';
import { RowTable } from './row-table';

export interface AssemblyDeps {
  results: ResultRepository;
  slices: SliceRepository;
  logger: Logger;
  settings: { cacheTtl: CacheTtls; atlasHistoryMonths: number };
}

/** Where a part's rows wait for the last part (never found by the result cache's key). */
export const partResultId = (jobId: string, part: number) => `${jobId}.part${part}`;
const PART_KEY = 'part';

/** Keeps part `job.part`'s rows until the last part composes the result (see query-plan.ts). */
export async function storePart(
  deps: AssemblyDeps,
  job: JobRecord,
  rows: readonly UsageRow[],
  at: number,
): Promise<void> {
  await deps.results.insert({
    id: partResultId(job.id, job.part),
    orgId: job.orgId,
    queryKey: PART_KEY,
    // In columns: decoded, its rows share one string per distinct value (a million rows composed
    // from 100+ parts would otherwise hold a string per field per row).
    payload: JSON.stringify(encodeUsageRows(rows)),
    fetchedAt: at,
    // Expired at once: deleted with the other expired results once the retention has passed.
    expiresAt: at,
  });
}

/**
 * A stored part's rows into the table: in columns (appended as they are, never as objects), or
 * (written before columns) a JSON array of rows. The indexes of its rows in the table.
 */
function appendPart(table: RowTable, payload: string): number[] {
  const parsed = JSON.parse(payload) as UsageRow[] | UsageRows;
  if (Array.isArray(parsed)) return parsed.map((row) => table.push(row));
  const first = table.appendEncoded(parsed);
  return range(first, table.length);
}

/** A kept month's rows (a JSON array of rows) into the table: their indexes. */
function appendSlice(table: RowTable, payload: string): number[] {
  return (JSON.parse(payload) as UsageRow[]).map((row) => table.push(row));
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** How composition reads rows kept in a table. */
const tableAccess = (table: RowTable): RowAccess<number> => ({
  month: (r) => table.monthOf(r),
  value: (r, field) => table.valueOf(r, field),
});

/** A kept month or a stored part that went away while the job ran (a race with cleanup). */
const vanished = (what: string) =>
  new AppError({
    status: 503,
    title: 'Stored months changed while the query ran',
    detail: `${what} was removed while this query ran. Run it again.`,
  });

/**
 * After the last part: the question's rows composed from its parts and its kept months, the
 * months just fetched stored as slices, and the browser-ready payload. `fetchedAt` is the oldest
 * data in it: a composed answer is only as fresh as its oldest month.
 */
export async function assembleResult(
  deps: AssemblyDeps,
  job: JobRecord,
  query: JobQuery,
  lastRows: readonly UsageRow[],
  at: number,
): Promise<(StoredResult & { fetchedAt: number }) | { failure: AppError }> {
  const plan = planOf(query);
  // Every row of the answer in one table of columns: a part's rows are appended and its text
  // dropped before the next part is read; no row is an object for longer than its own part.
  const table = new RowTable();
  const partRows: number[][] = [];
  for (let i = 0; i < plan.parts.length - 1; i++) {
    const stored = await deps.results.get(partResultId(job.id, i));
    if (!stored) return { failure: vanished(`Part ${i + 1} of its answer`) };
    partRows.push(appendPart(table, stored.payload));
  }
  partRows.push(lastRows.map((row) => table.push(row)));
  const months = monthsIn(monthsOf(query.atlas));
  const asked = new Set(plan.parts.flatMap((p) => monthsIn(partSpan(p))));
  const keptMonths = months.filter((m) => !asked.has(m));
  const sliceKey = sliceKeyOf(query.atlas);
  const { kept, known } = await readKept(deps.slices, sliceKey, keptMonths, table);
  const composed = composeRows({ months, plan, partRows, known, access: tableAccess(table) });
  table.seal();
  // Composed: the parts' and kept months' index lists are not needed any more.
  partRows.length = 0;
  known.clear();
  if (composed.missing.length > 0) {
    return { failure: vanished(`The kept month ${composed.missing[0]}`) };
  }
  if (composed.unsliced > 0) {
    deps.logger.warn(
      { jobId: job.id, orgId: job.orgId, spans: composed.unsliced },
      'Atlas rows dated outside the months asked: this answer is used whole, not kept by month',
    );
  }
  // One month at a time, its JSON text made piece by piece while the store writes it.
  for (const [month, rows] of composed.fetched) {
    const slice: NewSliceRecord = {
      sliceKey,
      month,
      orgId: job.orgId,
      organizations: query.atlas.organizations,
      payload: { pieces: table.rowsPieces(rows) },
      fetchedAt: at,
      expiresAt: sliceExpiresAt(month, at, deps.settings.cacheTtl),
    };
    await deps.slices.upsert([slice]);
  }
  composed.fetched.clear();
  const fetchedAt = kept.reduce((oldest, s) => Math.min(oldest, s.fetchedAt), at);
  const history = historyOf(kept, at, deps.settings.atlasHistoryMonths);
  return { ...tableResult(table, composed.rows, query.atlas, history), fetchedAt };
}

/**
 * The kept months' rows into the table, one slice read at a time (all of them at once would be
 * every kept month's text in memory together), and when Atlas gave each.
 */
async function readKept(
  slices: SliceRepository,
  sliceKey: string,
  months: readonly string[],
  table: RowTable,
): Promise<{
  kept: Array<Pick<SliceRecord, 'month' | 'fetchedAt'>>;
  known: Map<string, number[]>;
}> {
  const kept: Array<Pick<SliceRecord, 'month' | 'fetchedAt'>> = [];
  const known = new Map<string, number[]>();
  for (const month of months) {
    const [slice] = await slices.get(sliceKey, [month]);
    if (!slice) continue;
    kept.push({ month: slice.month, fetchedAt: slice.fetchedAt });
    known.set(slice.month, appendSlice(table, slice.payload));
  }
  return { kept, known };
}

/**
 * A question whose every month is kept: its rows from the slices alone, or undefined when one of
 * them went away since it was found (the question is then asked of Atlas as usual).
 */
export async function composeKept(
  slices: SliceRepository,
  query: JobQuery['atlas'],
  months: readonly string[],
  at: number,
  atlasHistoryMonths: number,
): Promise<(StoredResult & { fetchedAt: number }) | undefined> {
  const table = new RowTable();
  const { kept, known } = await readKept(slices, sliceKeyOf(query), months, table);
  if (kept.length !== months.length) return undefined;
  const rows: number[] = [];
  for (const month of months) for (const r of known.get(month)!) rows.push(r);
  known.clear();
  table.seal();
  const fetchedAt = kept.reduce((oldest, s) => Math.min(oldest, s.fetchedAt), Infinity);
  return {
    ...tableResult(table, rows, query, historyOf(kept, at, atlasHistoryMonths)),
    fetchedAt,
  };
}

/** The months of an answer Atlas no longer serves at `at`, with when Atlas gave them. */
function historyOf(
  kept: ReadonlyArray<Pick<SliceRecord, 'month' | 'fetchedAt'>>,
  at: number,
  atlasHistoryMonths: number,
): KeptMonth[] {
  const { earliestStart } = retentionWindow(new Date(at), atlasHistoryMonths);
  return kept
    .filter((s) => monthIndex(s.month) < monthIndex(earliestStart))
    .sort((a, b) => monthIndex(a.month) - monthIndex(b.month))
    .map((s) => ({ month: s.month, keptSince: new Date(s.fetchedAt).toISOString() }));
}

/** A finished result as stored: what every poll sends, and the rows apart (decision 017). */
export interface StoredResult {
  /** Summary (cents per group and month), totals, kept months' labels: JSON text. */
  payload: string;
  /**
   * Every usage row, in columns: JSON text, read only when the browser asks for the rows. In
   * pieces, made from the table while they are written (the table lives until then).
   */
  detail: { pieces: Iterable<string> };
}

/**
 * The browser-ready result of a row list: the summary the chart and pivot draw, exact totals,
 * the kept months' labels when there are any; the rows themselves in columns beside it.
 */
export function storedResult(
  rows: readonly UsageRow[],
  query: Pick<JobQuery['atlas'], 'groupBy' | 'startDate' | 'endDate'>,
  history: readonly KeptMonth[],
): StoredResult {
  const table = new RowTable();
  const order = rows.map((row) => table.push(row));
  table.seal();
  return tableResult(table, order, query, history);
}

/**
 * The same from rows kept in columns (`rows`: their indexes, in the answer's order): the summary
 * is `summarizeUsage` over the rows read one at a time, the columns' text is made from the table.
 */
function tableResult(
  table: RowTable,
  rows: readonly number[],
  query: Pick<JobQuery['atlas'], 'groupBy' | 'startDate' | 'endDate'>,
  history: readonly KeptMonth[],
): StoredResult {
  const result = {
    summary: summarizeUsage(table.view(rows), query.groupBy, monthsOf(query)),
    totals: { currency: 'USD' as const, totalCents: table.centsOf(rows), rowCount: rows.length },
    ...(history.length > 0 && { history }),
  };
  const payload = JSON.stringify(result);
  return { payload, detail: { pieces: table.detailPieces(rows) } };
}

/**
 * A result stored before migration 7 holds its rows in the payload (`usageDetails`): the same
 * two parts derived from it, so a poll or a rows request of such a result still gets today's form.
 */
export function upgradeLegacyResult(
  payload: string,
  query: Pick<JobQuery['atlas'], 'groupBy' | 'startDate' | 'endDate'>,
): StoredResult | undefined {
  if (!payload.startsWith('{"usageDetails":')) return undefined;
  const old = JSON.parse(payload) as { usageDetails: UsageRow[]; history?: KeptMonth[] };
  return storedResult(old.usageDetails, query, old.history ?? []);
}

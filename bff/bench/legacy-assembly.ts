// The result assembly as it was before the rows were kept in columns (decision 017, amended by
// 018): every row of the answer an object at once. Frozen here as the memory bench's baseline
// (`pnpm bench:memory` runs both in separate processes and checks they store the same bytes).
import {
  decodeUsageRows,
  encodeUsageRows,
  summarizeUsage,
  type UsageRow,
  type UsageRows,
} from '../src/contract';
import type { JobRecord } from '../src/store/job-types';
import { monthsOf } from '../src/services/cost-queries/atlas-query';
import { planOf, type JobQuery } from '../src/services/cost-queries/job-query';
import {
  monthsIn,
  rowsByMonth,
  sliceExpiresAt,
  sliceKeyOf,
} from '../src/services/cost-queries/month-slices';
import { mergeSplitRows, partSpan, type QueryPlan } from '../src/services/cost-queries/query-plan';
import { objectAccess } from '../src/services/cost-queries/compose';
import { partResultId, type AssemblyDeps } from '../src/services/cost-queries/result-assembly';

export async function legacyStorePart(
  deps: AssemblyDeps,
  job: JobRecord,
  rows: readonly UsageRow[],
  at: number,
): Promise<void> {
  await deps.results.insert({
    id: partResultId(job.id, job.part),
    orgId: job.orgId,
    queryKey: 'part',
    payload: JSON.stringify(encodeUsageRows(rows)),
    fetchedAt: at,
    expiresAt: at,
  });
}

function partRowsOf(payload: string): UsageRow[] {
  const parsed = JSON.parse(payload) as UsageRow[] | UsageRows;
  if (Array.isArray(parsed)) return parsed;
  const decoded = decodeUsageRows(parsed);
  if ('problem' in decoded) throw new Error(`a stored part is damaged: ${decoded.problem}`);
  return decoded.rows;
}

function composeRows(
  months: readonly string[],
  plan: QueryPlan,
  partRows: ReadonlyArray<readonly UsageRow[]>,
  known: ReadonlyMap<string, readonly UsageRow[]>,
) {
  const spans = new Map<string, { months: string[]; rows: Array<readonly UsageRow[]> }>();
  plan.parts.forEach((part, i) => {
    const key = part.startDate;
    const span = spans.get(key) ?? { months: monthsIn(partSpan(part)), rows: [] };
    span.rows.push(partRows[i] ?? []);
    spans.set(key, span);
  });
  const fetched = new Map<string, UsageRow[]>();
  const whole = new Map<string, UsageRow[]>();
  for (const [first, span] of spans) {
    const merged =
      plan.split && span.rows.length > 1
        ? mergeSplitRows(span.rows, plan.split.dimension, objectAccess)
        : span.rows.flat();
    const byMonth = rowsByMonth(merged, span.months, objectAccess);
    if (byMonth) {
      for (const [month, rows] of byMonth) fetched.set(month, rows);
    } else {
      whole.set(first, merged);
      for (const month of span.months) fetched.delete(month);
    }
  }
  const rows: UsageRow[] = [];
  const covered = new Set([...spans.values()].flatMap((s) => s.months));
  const append = (list: readonly UsageRow[]) => {
    for (const row of list) rows.push(row);
  };
  for (const month of months) {
    const wholeSpan = whole.get(month);
    if (wholeSpan) append(wholeSpan);
    if (covered.has(month)) {
      const monthRows = fetched.get(month);
      if (monthRows) append(monthRows);
      continue;
    }
    const kept = known.get(month);
    if (kept) append(kept);
  }
  return { rows, fetched };
}

/** assembleResult before 018, for a cold question (no kept months, no history). */
export async function legacyAssemble(
  deps: AssemblyDeps,
  job: JobRecord,
  query: JobQuery,
  lastRows: readonly UsageRow[],
  at: number,
): Promise<{ payload: string; detail: string }> {
  const plan = planOf(query);
  const partRows: Array<readonly UsageRow[]> = [];
  for (let i = 0; i < plan.parts.length - 1; i++) {
    const stored = await deps.results.get(partResultId(job.id, i));
    if (!stored) throw new Error(`part ${i} went away`);
    partRows.push(partRowsOf(stored.payload));
  }
  partRows.push(lastRows);
  const months = monthsIn(monthsOf(query.atlas));
  const sliceKey = sliceKeyOf(query.atlas);
  const composed = composeRows(months, plan, partRows, new Map());
  for (const [month, rows] of composed.fetched) {
    await deps.slices.upsert([
      {
        sliceKey,
        month,
        orgId: job.orgId,
        organizations: query.atlas.organizations,
        payload: JSON.stringify(rows),
        fetchedAt: at,
        expiresAt: sliceExpiresAt(month, at, deps.settings.cacheTtl),
      },
    ]);
  }
  const rows = composed.rows;
  let totalCents = 0;
  for (const row of rows) totalCents += row.usageAmountCents;
  const result = {
    summary: summarizeUsage(rows, query.atlas.groupBy, monthsOf(query.atlas)),
    totals: { currency: 'USD' as const, totalCents, rowCount: rows.length },
  };
  return { payload: JSON.stringify(result), detail: JSON.stringify(encodeUsageRows(rows)) };
}

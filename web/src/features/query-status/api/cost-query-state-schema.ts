import { costQueryStateSchema, type CostQueryState, type UsageRow } from '@ace/bff/contract';
import { z } from 'zod';

const OPTIONAL_TEXT = [
  'invoiceId',
  'organizationId',
  'organizationName',
  'projectId',
  'projectName',
  'clusterId',
  'clusterName',
  'service',
] as const;

/**
 * The contract's usageRowSchema, checked by hand for a JSON value: zod checks (and copies)
 * each of 100,000 rows at ~3 µs a row in the browser, a third of a second on the way to the
 * first chart. cost-query-state-schema.test.ts holds this to the contract schema.
 */
export function isUsageRow(value: unknown): value is UsageRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const row = value as Record<string, unknown>;
  if (typeof row.usageDate !== 'string') return false;
  if (!Number.isSafeInteger(row.usageAmountCents)) return false;
  for (const key of OPTIONAL_TEXT) {
    const field = row[key];
    if (field !== undefined && typeof field !== 'string') return false;
  }
  return true;
}

function rowsOf(body: unknown): unknown[] | undefined {
  const result = (body as { result?: { usageDetails?: unknown } } | null)?.result;
  return Array.isArray(result?.usageDetails) ? result.usageDetails : undefined;
}

/**
 * A poll answer, parsed with the contract's costQueryStateSchema; only the rows of a finished
 * query are checked with isUsageRow instead of zod, and kept as they came.
 */
export const costQueryStateWireSchema = z.unknown().transform((body, ctx): CostQueryState => {
  const rows = rowsOf(body);
  const head = rows
    ? { ...(body as object), result: { ...(body as { result: object }).result, usageDetails: [] } }
    : body;
  const parsed = costQueryStateSchema.safeParse(head);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
    return z.NEVER;
  }
  const state = parsed.data;
  if (state.status !== 'done' || !rows) return state;
  const bad = rows.findIndex((row) => !isUsageRow(row));
  if (bad >= 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['result', 'usageDetails', bad],
      message: 'not a usage row',
    });
    return z.NEVER;
  }
  return { ...state, result: { ...state.result, usageDetails: rows as UsageRow[] } };
});

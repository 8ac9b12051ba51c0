import { costQueryStateSchema, type CostQueryState, type CostSummary } from '@ace/bff/contract';
import { z } from 'zod';

const isCents = (value: unknown) => Number.isSafeInteger(value);
const isText = (value: unknown) => value === undefined || typeof value === 'string';

/**
 * The contract's costSummaryGroupSchema, checked by hand for a JSON value: zod checks (and
 * copies) each of 10,000 groups × 19 months of cells, tens of milliseconds on the way to the
 * first chart. cost-query-state-schema.test.ts holds this to the contract schema.
 */
export function isSummaryGroup(value: unknown, months: number): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const group = value as Record<string, unknown>;
  if (!isText(group.id) || !isText(group.name)) return false;
  if (!isText(group.organizationId) || !isText(group.parentName)) return false;
  if (!isCents(group.totalCents) || !Array.isArray(group.cells)) return false;
  const cells = group.cells as unknown[];
  if (cells.length !== months) return false;
  for (const cell of cells) if (cell !== null && !isCents(cell)) return false;
  return true;
}

function groupsOf(body: unknown): unknown[] | undefined {
  const result = (body as { result?: { summary?: { groups?: unknown } } } | null)?.result;
  const groups = result?.summary?.groups;
  return Array.isArray(groups) ? groups : undefined;
}

/**
 * A poll answer, parsed with the contract's costQueryStateSchema; only the summary's groups of a
 * finished query are checked with isSummaryGroup instead of zod, and kept as they came.
 */
export const costQueryStateWireSchema = z.unknown().transform((body, ctx): CostQueryState => {
  const groups = groupsOf(body);
  const head = groups
    ? (() => {
        const { result } = body as { result: { summary: object } };
        return {
          ...(body as object),
          result: { ...result, summary: { ...result.summary, groups: [] } },
        };
      })()
    : body;
  const parsed = costQueryStateSchema.safeParse(head);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
    return z.NEVER;
  }
  const state = parsed.data;
  if (state.status !== 'done' || !groups) return state;
  const months = state.result.summary.months.length;
  const bad = groups.findIndex((group) => !isSummaryGroup(group, months));
  if (bad >= 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['result', 'summary', 'groups', bad],
      message: 'not a group of the summary',
    });
    return z.NEVER;
  }
  const summary = { ...state.result.summary, groups: groups as CostSummary['groups'] };
  return { ...state, result: { ...state.result, summary } };
});

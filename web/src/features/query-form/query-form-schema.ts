import { dashboardQuerySchemaAt, type DashboardQuery, type MonthBounds } from '@ace/bff/contract';
import { z } from 'zod';
import type { DashboardDraft } from '../../lib/dashboard-draft';
import { toFormFieldError } from './form-errors';

/**
 * The form edits a DashboardDraft and hands on the contract's DashboardQuery: what is not chosen
 * yet is asked for here, then `dashboardQuerySchemaAt(now, bounds)` (the rules the BFF runs, with
 * the organization's month bounds the BFF reported) checks the question and every issue is moved
 * onto the control the user can fix.
 */
export function createQueryFormSchema(now: Date, bounds: MonthBounds = {}) {
  const querySchema = dashboardQuerySchemaAt(now, bounds);
  return z.custom<DashboardDraft>().transform((draft, ctx): DashboardQuery => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: path.split('.'), message });
    const { period } = draft;
    if (!draft.orgId) issue('orgId', 'Choose an organization');
    if (!period || (period.kind === 'months' && !period.first)) {
      issue('period', 'Choose the first and the last month');
    } else if (period.kind === 'months' && !period.last) {
      issue('period', 'Choose the last month too');
    }
    if (!draft.orgId || !period || (period.kind === 'months' && !period.last)) return z.NEVER;
    const parsed = querySchema.safeParse(draft);
    if (parsed.success) return parsed.data;
    for (const { path, message } of parsed.error.issues) {
      const { field, message: text } = toFormFieldError(path, message);
      issue(field ?? 'root', text);
    }
    return z.NEVER;
  });
}

export type QueryFormSchema = ReturnType<typeof createQueryFormSchema>;

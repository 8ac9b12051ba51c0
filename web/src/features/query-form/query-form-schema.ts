import { costQueryRequestSchemaAt, type CostQueryRequest, type GroupBy } from '@ace/bff/contract';
import { z } from 'zod';
import { GROUP_BY_OPTIONS, GROUP_NOUN, type QueryFormValues } from './form-values';
import { toCostQueryRequest, toFormFieldError, type FormFieldError } from './to-cost-query-request';

export interface QueryFormOutput {
  orgId: string;
  request: CostQueryRequest;
}

export function groupByRuleMessage(groupBy: GroupBy): string {
  return `Group by ${groupBy} needs at least one ${GROUP_NOUN[groupBy]}`;
}

function isEmptyFor(values: Omit<QueryFormValues, 'groupBy'>, groupBy: GroupBy): boolean {
  return groupBy === 'organizations' ? !values.orgId : values[groupBy].length === 0;
}

/**
 * Where a contract issue (from the schema here, or a 400 from the BFF) is shown. The contract
 * reports the group-by rule on the empty list; the user chose the group-by, so the message and
 * its one-click fixes sit on "Group by".
 */
export function formErrorFor(
  values: QueryFormValues,
  path: string | readonly PropertyKey[],
  message: string,
): FormFieldError {
  const key = typeof path === 'string' ? path.split('.')[0] : path[0];
  const { groupBy } = values;
  if (groupBy !== 'none' && key === groupBy && isEmptyFor(values, groupBy)) {
    return groupBy === 'organizations'
      ? { field: 'orgId', message: 'Choose an organization' }
      : { field: 'groupBy', message: groupByRuleMessage(groupBy) };
  }
  return toFormFieldError(path, message);
}

const groupByChoices = GROUP_BY_OPTIONS.map((option) => option.value) as [
  QueryFormValues['groupBy'],
  ...QueryFormValues['groupBy'][],
];

/**
 * The form's schema refines to the shared contract: the shape only types the fields, then the
 * mapped request is checked by `costQueryRequestSchemaAt(now)` (the BFF runs the same rules)
 * and every issue is moved onto the field the user can fix.
 */
export function createQueryFormSchema(now: Date) {
  const requestSchema = costQueryRequestSchemaAt(now);
  return z
    .object({
      orgId: z.string(),
      months: z.tuple([z.string().nullable(), z.string().nullable()]),
      projects: z.array(z.string()),
      clusters: z.array(z.string()),
      services: z.array(z.string()),
      groupBy: z.enum(groupByChoices),
      includePartialMatches: z.boolean(),
    })
    .transform((values, ctx): QueryFormOutput => {
      if (!values.orgId) {
        ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'Choose an organization' });
      }
      const parsed = requestSchema.safeParse(toCostQueryRequest(values));
      if (parsed.success && values.orgId) return { orgId: values.orgId, request: parsed.data };
      for (const issue of parsed.error?.issues ?? []) {
        const { field, message } = formErrorFor(values, issue.path, issue.message);
        ctx.addIssue({ code: 'custom', path: [field ?? 'root'], message });
      }
      return z.NEVER;
    });
}

export type QueryFormSchema = ReturnType<typeof createQueryFormSchema>;

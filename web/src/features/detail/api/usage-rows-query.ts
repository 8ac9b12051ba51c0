import {
  apiRoutes,
  decodeUsageRows,
  type CostQueryDone,
  type UsageRow,
  type UsageRows,
} from '@ace/bff/contract';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, fetchApi } from '../../../lib/api-client';

const isIndexList = (value: unknown) => Array.isArray(value);

/**
 * The rows answer (contract `usageRowsSchema`), its envelope checked by hand, not with zod: zod
 * would check each of ~1,000,000 column entries one by one (hundreds of ms for 100,000 rows);
 * `decodeUsageRows` checks every index and amount on its single pass anyway.
 */
export const usageRowsWireSchema = z.unknown().transform((body, ctx): UsageRows => {
  const value = body as Partial<Record<keyof UsageRows, unknown>> | null;
  const shaped =
    value !== null &&
    typeof value === 'object' &&
    Number.isSafeInteger(value.rowCount) &&
    Array.isArray(value.cents) &&
    Array.isArray(value.values) &&
    Array.isArray(value.fields) &&
    value.fields.every((f) => typeof f === 'string') &&
    Array.isArray(value.columns) &&
    value.columns.every(isIndexList);
  if (!shaped) {
    ctx.addIssue({ code: 'custom', message: 'not the rows of a query' });
    return z.NEVER;
  }
  return value as UsageRows;
});

/** The rows as objects, or the same error as any answer this page does not understand. */
export function rowsOf(encoded: UsageRows): UsageRow[] {
  const decoded = decodeUsageRows(encoded);
  if ('problem' in decoded) {
    throw new ApiError({
      status: 200,
      title: 'Unexpected response from the server',
      detail: `The usage rows came in a form this page does not understand (${decoded.problem}).`,
    });
  }
  return decoded.rows;
}

export const usageRowsKeys = {
  of: (done: Pick<CostQueryDone, 'orgId' | 'id'>) =>
    ['orgs', done.orgId, 'cost-queries', done.id, 'rows'] as const,
};

/**
 * Every usage row of a finished query, asked for only when the detail tab or an export needs
 * them (decision 017). A finished query's rows never change: fetched once, kept a while after
 * the last user leaves.
 */
export function usageRowsQueryOptions(done: Pick<CostQueryDone, 'orgId' | 'id'>) {
  return queryOptions({
    queryKey: usageRowsKeys.of(done),
    queryFn: async ({ signal }): Promise<UsageRow[]> => {
      const started = performance.now();
      const rows = rowsOf(
        await fetchApi(
          apiRoutes.getCostQueryRows,
          { params: { orgId: done.orgId, id: done.id } },
          { signal, schema: usageRowsWireSchema },
        ),
      );
      performance.measure('ace:rows', { start: started });
      return rows;
    },
    staleTime: Infinity,
    gcTime: 5 * 60_000,
  });
}

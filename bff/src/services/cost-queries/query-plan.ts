import { z } from 'zod';
import { monthFromIndex, monthIndex, monthStartSchema, type MonthSpan } from '../../contract';
import { AppError } from '../../errors';
import type { AtlasQuery } from './atlas-query';

/**
 * How a job asks Atlas for its question: one part per (missing span of months × group of ids
 * that fits in one Atlas query), asked one after another. A cold question within the cap is one
 * part, the whole range: exactly the one Atlas query it always was.
 *
 * Splitting is only ever along the group-by dimension (projects or clusters, filled with every
 * id the viewer may see when the person chose none). Its rows are per id, so the parts' rows are
 * disjoint but for rows without that id (charges above it, which match every part only partially
 * and come back the same from each): those are taken from the first part alone. Splitting any
 * other filter would need sums across parts that partial matches make inexact, so it is refused.
 */
export const SPLIT_DIMENSIONS = ['projects', 'clusters'] as const;
export type SplitDimension = (typeof SPLIT_DIMENSIONS)[number];

const partSchema = z.strictObject({
  startDate: monthStartSchema,
  endDate: monthStartSchema,
  /** Which group of `size` ids of the split dimension (0 when nothing is split). */
  chunk: z.number().int().nonnegative(),
});

export const queryPlanSchema = z.strictObject({
  split: z
    .strictObject({ dimension: z.enum(SPLIT_DIMENSIONS), size: z.number().int().positive() })
    .optional(),
  parts: z.array(partSchema).min(1),
});
export type QueryPlan = z.infer<typeof queryPlanSchema>;

/** The plan of a job stored without one: the whole question, one part. */
export const wholePlan = (query: AtlasQuery): QueryPlan => ({
  parts: [{ startDate: query.startDate, endDate: query.endDate, chunk: 0 }],
});

const ID_DIMENSIONS = ['projects', 'clusters'] as const;

/**
 * The parts for `spans` (the months not already known), with no Atlas query carrying more than
 * `maxIds` ids in one list.
 */
export function planQuery(
  query: AtlasQuery,
  spans: readonly MonthSpan[],
  maxIds: number,
): QueryPlan {
  const over = ID_DIMENSIONS.filter((d) => (query[d]?.length ?? 0) > maxIds);
  const dimension = over[0];
  if (over.length > 1 || (dimension !== undefined && query.groupBy !== dimension)) {
    const names = over.join(' and ');
    throw new AppError({
      status: 400,
      title: 'Too many to ask at once',
      detail: `This question names more ${names} than one Atlas query carries (${maxIds}), and only the dimension it groups by can be split into several queries. Choose fewer, or group by ${over[0]}.`,
      errors: over.map((d) => ({ field: d, message: `choose up to ${maxIds}` })),
    });
  }
  const chunks = dimension === undefined ? 1 : Math.ceil(query[dimension]!.length / maxIds);
  const parts = spans.flatMap((span) =>
    Array.from({ length: chunks }, (_, chunk) => ({
      startDate: span.first,
      endDate: monthFromIndex(monthIndex(span.last) + 1),
      chunk,
    })),
  );
  return { ...(dimension !== undefined && { split: { dimension, size: maxIds } }), parts };
}

/** The Atlas body of part `index`. */
export function partQuery(query: AtlasQuery, plan: QueryPlan, index: number): AtlasQuery {
  const part = plan.parts[index];
  if (!part) throw new Error(`no part ${index} in a plan of ${plan.parts.length}`);
  const body: AtlasQuery = { ...query, startDate: part.startDate, endDate: part.endDate };
  if (plan.split) {
    const { dimension, size } = plan.split;
    body[dimension] = query[dimension]!.slice(part.chunk * size, (part.chunk + 1) * size);
  }
  return body;
}

/** The months a part covers, inclusive. */
export const partSpan = (part: QueryPlan['parts'][number]): MonthSpan => ({
  first: part.startDate,
  last: monthFromIndex(monthIndex(part.endDate) - 1),
});

/** How composition reads a row: its month (see monthOfRow) and a field's value. */
export interface RowAccess<R> {
  month(row: R): string | undefined;
  value(row: R, field: 'projectId' | 'clusterId'): unknown;
}

const ID_FIELD: Record<SplitDimension, 'projectId' | 'clusterId'> = {
  projects: 'projectId',
  clusters: 'clusterId',
};

/**
 * The rows of one span asked in several parts (one per group of ids), as one query would give
 * them: each part's rows with an id of the split dimension, and the rows without one (the same
 * in every part) once, from the first part.
 */
export function mergeSplitRows<R>(
  parts: ReadonlyArray<readonly R[]>,
  dimension: SplitDimension,
  access: Pick<RowAccess<R>, 'value'>,
): R[] {
  const field = ID_FIELD[dimension];
  const merged: R[] = [];
  parts.forEach((rows, i) => {
    for (const row of rows) {
      const id = access.value(row, field);
      if (i === 0 || (typeof id === 'string' && id !== '')) merged.push(row);
    }
  });
  return merged;
}

import { z } from 'zod';
import { dashboardQuerySchema, type DashboardQuery } from '../../contract';
import type { JobRecord } from '../../store/job-types';
import { atlasQuerySchema, type AtlasQuery } from './atlas-query';
import { queryPlanSchema, wholePlan, type QueryPlan } from './query-plan';

/**
 * What a job row keeps as its `query`: Atlas's body (what is sent, what the key is made of, which
 * organizations it covers) and the question as the person asked it (what the page shows).
 */
export const jobQuerySchema = z.strictObject({
  atlas: atlasQuerySchema,
  question: dashboardQuerySchema,
  /** How Atlas is asked, when it is not the whole body in one query (see query-plan.ts). */
  plan: queryPlanSchema.optional(),
});
export type JobQuery = z.output<typeof jobQuerySchema>;

/**
 * A job's query, or undefined for a row this version cannot read (one written before every query
 * named its organizations): such a job is treated as gone, never shown and never sent again.
 */
export function jobQueryOf(job: Pick<JobRecord, 'query'>): JobQuery | undefined {
  const parsed = jobQuerySchema.safeParse(job.query);
  return parsed.success ? parsed.data : undefined;
}

export const newJobQuery = (
  atlas: AtlasQuery,
  question: DashboardQuery,
  plan?: QueryPlan,
): JobQuery => ({
  atlas,
  // The question is kept without its view options: they are the page's, not the query's.
  question: { ...question, view: {} },
  // The whole body in one query is the plan of a job stored without one: not written out.
  ...(plan && !isWhole(atlas, plan) && { plan }),
});

/** The job's plan: the stored one, or the whole body in one part. */
export const planOf = (query: JobQuery): QueryPlan => query.plan ?? wholePlan(query.atlas);

function isWhole(atlas: AtlasQuery, plan: QueryPlan): boolean {
  const [only, ...rest] = plan.parts;
  return (
    rest.length === 0 &&
    !plan.split &&
    only?.startDate === atlas.startDate &&
    only.endDate === atlas.endDate
  );
}

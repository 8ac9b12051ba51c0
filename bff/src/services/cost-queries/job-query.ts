import { z } from 'zod';
import { dashboardQuerySchema, type DashboardQuery } from '../../contract';
import type { JobRecord } from '../../store/job-types';
import { atlasQuerySchema, type AtlasQuery } from './atlas-query';

/**
 * What a job row keeps as its `query`: Atlas's body (what is sent, what the key is made of, which
 * organizations it covers) and the question as the person asked it (what the page shows).
 */
export const jobQuerySchema = z.strictObject({
  atlas: atlasQuerySchema,
  question: dashboardQuerySchema,
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

export const newJobQuery = (atlas: AtlasQuery, question: DashboardQuery): JobQuery => ({
  atlas,
  // The question is kept without its view options: they are the page's, not the query's.
  question: { ...question, view: {} },
});

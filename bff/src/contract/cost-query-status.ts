import { z } from 'zod';
import { dashboardQuerySchema, monthSpanSchema } from './dashboard-query';
import { objectIdSchema } from './ids';
import { monthStartSchema } from './months';
import { costQueryTotalsSchema } from './usage';
import { costSummarySchema } from './usage-summary';

export const costQueryStatusValues = ['processing', 'done', 'failed'] as const;

const base = {
  id: z.string(),
  orgId: z.string(),
  /** The question as it was asked (its view options are not kept). */
  query: dashboardQuerySchema,
  /** The months it covers, as the BFF resolved its period when the query was made. */
  months: monthSpanSchema,
  /** The organizations it covers: the ones asked for, or every one the viewer may see. */
  organizations: z.array(objectIdSchema),
  createdAt: z.iso.datetime(),
};

export const keptMonthSchema = z.object({
  month: monthStartSchema,
  keptSince: z.iso.datetime(),
});
export type KeptMonth = z.infer<typeof keptMonthSchema>;

export const costQueryCreatedSchema = z.object({
  id: z.string(),
  status: z.enum(costQueryStatusValues),
});
export type CostQueryCreated = z.infer<typeof costQueryCreatedSchema>;

/** Atlas's rate-limit bucket for the organization, from its `RateLimit-*` headers. */
export const apiCapacitySchema = z.object({
  remaining: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
});
export type ApiCapacity = z.infer<typeof apiCapacitySchema>;

export const costQueryProcessingSchema = z.object({
  ...base,
  status: z.literal('processing'),
  /** Milliseconds since the query was created, as measured by the BFF. */
  elapsedMs: z.number().int().nonnegative(),
  /**
   * Present while the BFF waits before calling Atlas again because of a rate limit (Atlas's 429
   * or the BFF's own budget) or an Atlas outage: the query is queued, not failed, until then.
   */
  waitingUntil: z.iso.datetime().optional(),
  /** Present when Atlas reported its remaining request capacity for this organization. */
  apiCapacity: apiCapacitySchema.optional(),
  /**
   * Present when the question is asked of Atlas in several queries (months not yet known, or a
   * group-by over more ids than one query carries), one after another: how many have answered.
   */
  parts: z
    .object({ done: z.number().int().nonnegative(), total: z.number().int().positive() })
    .optional(),
});

export const costQueryDoneSchema = z.object({
  ...base,
  status: z.literal('done'),
  completedAt: z.iso.datetime(),
  /** When Atlas produced this data (earlier than completedAt for a result from the cache). */
  dataFetchedAt: z.iso.datetime().optional(),
  /** True when the answer came from the BFF's result cache without asking Atlas. */
  fromCache: z.boolean().optional(),
  result: z.object({
    /**
     * What the chart and pivot draw: cents per group and month, computed once by the BFF. The
     * usage rows themselves: `GET /orgs/:orgId/cost-queries/:id/rows`, when they are needed.
     */
    summary: costSummarySchema,
    /** Every row's cents summed, and how many rows there are. */
    totals: costQueryTotalsSchema,
    /**
     * Months of the answer that Atlas no longer serves, answered from what this dashboard kept
     * when Atlas still served them (`keptSince`: when Atlas gave them). Absent when there are none.
     */
    history: z.array(keptMonthSchema).optional(),
  }),
});

export const costQueryFailedSchema = z.object({
  ...base,
  status: z.literal('failed'),
  error: z.object({
    title: z.string(),
    detail: z.string(),
    /** The HTTP status the failure maps to (e.g. 400 for Atlas's own validation, 504 for a timeout). */
    status: z.number().int(),
  }),
});

export const costQueryStateSchema = z.discriminatedUnion('status', [
  costQueryProcessingSchema,
  costQueryDoneSchema,
  costQueryFailedSchema,
]);
export type CostQueryState = z.infer<typeof costQueryStateSchema>;
export type CostQueryDone = z.infer<typeof costQueryDoneSchema>;

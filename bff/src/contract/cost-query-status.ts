import { z } from 'zod';
import { costQueryRequestSchema } from './cost-query';
import { costQueryTotalsSchema, usageRowSchema } from './usage';

export const costQueryStatusValues = ['processing', 'done', 'failed'] as const;

const base = {
  id: z.string(),
  orgId: z.string(),
  query: costQueryRequestSchema,
  createdAt: z.iso.datetime(),
};

export const costQueryCreatedSchema = z.object({
  id: z.string(),
  status: z.enum(costQueryStatusValues),
});
export type CostQueryCreated = z.infer<typeof costQueryCreatedSchema>;

export const costQueryProcessingSchema = z.object({
  ...base,
  status: z.literal('processing'),
  /** Milliseconds since the query was created, as measured by the BFF. */
  elapsedMs: z.number().int().nonnegative(),
});

export const costQueryDoneSchema = z.object({
  ...base,
  status: z.literal('done'),
  completedAt: z.iso.datetime(),
  result: z.object({
    usageDetails: z.array(usageRowSchema),
    totals: costQueryTotalsSchema,
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

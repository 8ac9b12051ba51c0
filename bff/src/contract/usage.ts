import { z } from 'zod';

/**
 * One row of Atlas's `usageDetails`, as the BFF passes it to the browser. Atlas's result is
 * untyped in its spec, so every field but the month and the amount is optional and unknown
 * keys are kept. The amount is `usageAmountCents`, integer cents made by the BFF from Atlas's
 * float `usageAmount` (which is not passed on), so sums are exact. The cluster's id is
 * `clusterId` (Atlas's `clusterUniqueId` is not passed on either): large results are large.
 */
export const usageRowSchema = z.looseObject({
  usageDate: z.string(),
  usageAmountCents: z.number().int(),
  invoiceId: z.string().optional(),
  organizationId: z.string().optional(),
  organizationName: z.string().optional(),
  projectId: z.string().optional(),
  projectName: z.string().optional(),
  clusterId: z.string().optional(),
  clusterName: z.string().optional(),
  service: z.string().optional(),
});
export type UsageRow = z.infer<typeof usageRowSchema>;

export const costQueryTotalsSchema = z.object({
  currency: z.literal('USD'),
  totalCents: z.number().int(),
  rowCount: z.number().int(),
});
export type CostQueryTotals = z.infer<typeof costQueryTotalsSchema>;

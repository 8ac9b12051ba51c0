import { z } from 'zod';
import { objectIdSchema } from './ids';
import { serviceSchema } from './services';

export const orgSummarySchema = z.object({ id: objectIdSchema, name: z.string() });
export const orgListSchema = z.object({ items: z.array(orgSummarySchema) });
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const projectSummarySchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  orgId: objectIdSchema,
});
export const projectListSchema = z.object({ items: z.array(projectSummarySchema) });
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const clusterSummarySchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  projectId: objectIdSchema,
});
export const clusterListSchema = z.object({ items: z.array(clusterSummarySchema) });
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const serviceListSchema = z.object({
  /** A service's id is its Atlas name (the value the filter takes). */
  items: z.array(z.object({ id: serviceSchema, name: z.string() })),
});

/** `GET /api/orgs/:orgId/clusters?projects=a,b` narrows the list to those projects. */
export const clusterListQuerySchema = z.strictObject({
  projects: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').filter(Boolean) : []))
    .pipe(z.array(objectIdSchema).max(500)),
});

export const orgPathSchema = z.strictObject({ orgId: objectIdSchema });

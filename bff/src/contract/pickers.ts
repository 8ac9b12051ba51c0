import { z } from 'zod';
import { objectIdSchema } from './ids';

export const orgSummarySchema = z.object({ id: z.string(), name: z.string() });
export const orgListSchema = z.object({ items: z.array(orgSummarySchema) });
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const projectSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
});
export const projectListSchema = z.object({ items: z.array(projectSummarySchema) });
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const clusterSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  projectId: z.string(),
});
export const clusterListSchema = z.object({ items: z.array(clusterSummarySchema) });
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const serviceListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string() })),
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

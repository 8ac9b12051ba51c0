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
  /** Deleted, but Atlas still lists it (retained backups): its past costs can be filtered. */
  deleted: z.boolean().optional(),
});
export const clusterListSchema = z.object({ items: z.array(clusterSummarySchema) });
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const serviceListSchema = z.object({
  /** A service's id is its Atlas name (the value the filter takes). */
  items: z.array(z.object({ id: serviceSchema, name: z.string() })),
});

/**
 * `GET /api/orgs/:orgId/clusters?projects=a,b` narrows the list to those projects;
 * `includeDeleted=true` adds deleted clusters Atlas still knows (flagged `deleted`).
 */
export const clusterListQuerySchema = z.strictObject({
  projects: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').filter(Boolean) : []))
    .pipe(z.array(objectIdSchema).max(500)),
  includeDeleted: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true'),
});

export const orgPathSchema = z.strictObject({ orgId: objectIdSchema });

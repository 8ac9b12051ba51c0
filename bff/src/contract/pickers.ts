import { z } from 'zod';
import { objectIdSchema } from './ids';
import { serviceSchema } from './services';

/** Every picker list answers `{ items: [...] }`. */
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** What every picker item has: Atlas's id and the name a person picks by. */
const pickerItemSchema = z.object({ id: objectIdSchema, name: z.string() });

export const orgSummarySchema = pickerItemSchema;
export const orgListSchema = listOf(orgSummarySchema);
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const projectSummarySchema = pickerItemSchema.extend({ orgId: objectIdSchema });
export const projectListSchema = listOf(projectSummarySchema);
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const clusterSummarySchema = pickerItemSchema.extend({
  projectId: objectIdSchema,
  /** Deleted, but Atlas still lists it (retained backups): its past costs can be filtered. */
  deleted: z.boolean().optional(),
});
export const clusterListSchema = listOf(clusterSummarySchema);
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

/** A service's id is its Atlas name (the value the filter takes). */
export const serviceListSchema = listOf(z.object({ id: serviceSchema, name: z.string() }));

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

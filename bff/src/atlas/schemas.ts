import { z } from 'zod';

/*
 * Atlas's own wire shapes (Admin API v2, media type 2023-01-01). They live here, never in
 * bff/src/contract, which describes the browser-facing API. Objects are loose: Atlas adds
 * fields over time and we must not break on them.
 */

export const OBJECT_ID = /^[a-f0-9]{24}$/;
/**
 * The spec says only "Unique 64 digit string" (minLength = maxLength = 64, no pattern), and its
 * two examples are hex in either case. So any 64 visible ASCII characters: no space, no control;
 * the client URL-encodes it as a path segment.
 */
export const QUERY_TOKEN = /^[\x21-\x7E]{64}$/;
const MONTH_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `ApiError`; every field optional so a half-formed error body still yields what it has. */
export const apiErrorSchema = z.looseObject({
  error: z.number().optional().catch(undefined),
  errorCode: z.string().optional().catch(undefined),
  detail: z.string().nullish().catch(undefined),
  reason: z.string().nullish().catch(undefined),
  parameters: z.array(z.unknown()).optional().catch(undefined),
  badRequestDetail: z
    .object({ fields: z.array(z.object({ field: z.string(), description: z.string() })) })
    .nullish()
    .catch(undefined),
});

/** OAuth token endpoint errors (RFC 6749 §5.2), not ApiError. */
export const oauthErrorSchema = z.looseObject({ error: z.string().optional().catch(undefined) });

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.coerce.number().positive(),
});

/**
 * `CostExplorerFilterRequestBody`: the 8 documented keys. Atlas rejects unknown keys with a
 * 400, so parsing strips anything else instead of forwarding it.
 */
export const costExplorerFilterSchema = z.object({
  startDate: z.string().regex(MONTH_DAY),
  endDate: z.string().regex(MONTH_DAY),
  organizations: z.array(z.string().regex(OBJECT_ID)).optional(),
  projects: z.array(z.string().regex(OBJECT_ID)).optional(),
  clusters: z.array(z.string().regex(OBJECT_ID)).optional(),
  services: z.array(z.string().min(1)).optional(),
  groupBy: z.enum(['organizations', 'projects', 'clusters', 'services']).optional(),
  includePartialMatches: z.boolean().optional(),
});
export type AtlasCostExplorerFilter = z.infer<typeof costExplorerFilterSchema>;

export const createUsageResponseSchema = z.looseObject({ token: z.string().regex(QUERY_TOKEN) });

/** `envelope=true` wraps a single entity as `{status, content}`. */
export const envelopeSchema = z.looseObject({
  status: z.number(),
  content: z.unknown().optional(),
});

const optionalText = z.string().optional().catch(undefined);

/**
 * One `usageDetails` row. Only the observed keys are named; project and cluster keys are our
 * reading of the spec's CSV columns (docs/atlas-wire.md). Unknown keys and services are kept.
 */
export const usageDetailSchema = z.looseObject({
  usageDate: z.string(),
  usageAmount: z.number(),
  invoiceId: optionalText,
  organizationId: optionalText,
  organizationName: optionalText,
  projectId: optionalText,
  projectName: optionalText,
  clusterId: optionalText,
  clusterUniqueId: optionalText,
  clusterName: optionalText,
  service: optionalText,
});
export type AtlasUsageDetail = z.infer<typeof usageDetailSchema>;

export const linkSchema = z.looseObject({
  rel: z.string().optional(),
  href: z.string().optional(),
});

export function paginatedSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    results: z.array(item),
    totalCount: z.number().int().nonnegative().optional().catch(undefined),
    links: z.array(linkSchema).optional().catch(undefined),
  });
}

export const orgSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  isDeleted: z.boolean().optional(),
});
export type AtlasOrg = z.infer<typeof orgSchema>;

export const projectSchema = z.looseObject({ id: z.string(), name: z.string(), orgId: z.string() });
export type AtlasProject = z.infer<typeof projectSchema>;

/** Legacy cluster view (2023-01-01): the picker needs the 24-hex `id`, not just the name. */
export const clusterSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  groupId: z.string(),
  stateName: z.string().optional(),
  paused: z.boolean().optional(),
  clusterType: z.string().optional(),
  createDate: z.string().optional(),
  mongoDBVersion: z.string().optional(),
});
export type AtlasCluster = z.infer<typeof clusterSchema>;

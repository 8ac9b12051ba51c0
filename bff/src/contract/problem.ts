import { z } from 'zod';

/** RFC 9457 problem details: the one error shape the BFF sends (`application/problem+json`). */
export const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** One entry per offending field, `field` as a dotted path (`startDate`, `clusters.3`). */
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  /** Seconds to wait before retrying, mirrored from the Retry-After header. */
  retryAfterSeconds: z.number().int().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const CSRF_HEADER = 'X-CSRF';

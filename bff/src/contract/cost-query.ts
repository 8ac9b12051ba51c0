import { z } from 'zod';
import { objectIdSchema } from './ids';
import { monthIndex, monthStartSchema, retentionWindow } from './months';
import { serviceSchema } from './services';

export const GROUP_BY_VALUES = ['organizations', 'projects', 'clusters', 'services'] as const;
export const groupBySchema = z.enum(GROUP_BY_VALUES, {
  error: 'must be one of organizations, projects, clusters, services',
});
export type GroupBy = z.infer<typeof groupBySchema>;

/** Atlas accepts up to 500 items per list page; a filter longer than that is a mistake. */
const MAX_FILTER_ITEMS = 500;

const idListSchema = z.array(objectIdSchema).max(MAX_FILTER_ITEMS);

/**
 * Atlas's own filter body (`CostExplorerFilterRequestBody`): the browser sends it, the BFF
 * validates it with this schema and forwards exactly these keys. Atlas rejects unknown keys,
 * so this object is strict too. `endDate` is exclusive.
 */
const costQueryShape = z.strictObject({
  startDate: monthStartSchema,
  endDate: monthStartSchema,
  organizations: idListSchema.optional(),
  projects: idListSchema.optional(),
  clusters: idListSchema.optional(),
  services: z.array(serviceSchema).max(MAX_FILTER_ITEMS).optional(),
  groupBy: groupBySchema.optional(),
  includePartialMatches: z.boolean({ error: 'must be true or false' }).optional(),
});

type CostQueryShape = z.infer<typeof costQueryShape>;

function checkRules(body: CostQueryShape, ctx: z.RefinementCtx, now?: Date): void {
  const validDates = body.startDate && body.endDate;
  if (validDates && monthIndex(body.endDate) <= monthIndex(body.startDate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: 'must be after startDate (endDate is exclusive: the first day after the range)',
    });
  }
  if (now && validDates) {
    const { earliestStart, latestEnd } = retentionWindow(now);
    if (monthIndex(body.startDate) < monthIndex(earliestStart)) {
      ctx.addIssue({
        code: 'custom',
        path: ['startDate'],
        message: `must not be before ${earliestStart}: Atlas keeps 18 months of cost data`,
      });
    }
    if (monthIndex(body.endDate) > monthIndex(latestEnd)) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `must not be after ${latestEnd}: there is no cost data for future months`,
      });
    }
  }
  if (body.groupBy) {
    const values = body[body.groupBy];
    if (!values || values.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [body.groupBy],
        message: `needs at least one value to group by ${body.groupBy}`,
      });
    }
  }
}

/** Format rules only (no clock): what a stored preset must satisfy. */
export const costQueryRequestSchema = costQueryShape.superRefine((body, ctx) => {
  checkRules(body, ctx);
});

/** Full rules including Atlas's retention window, evaluated at `now`. Use at the BFF edge. */
export function costQueryRequestSchemaAt(now: Date) {
  return costQueryShape.superRefine((body, ctx) => {
    checkRules(body, ctx, now);
  });
}

export type CostQueryRequest = z.infer<typeof costQueryRequestSchema>;

import { z } from 'zod';
import {
  ATLAS_SERVICES,
  groupBySchema,
  MAX_FILTER_ITEMS,
  monthFromIndex,
  monthIndex,
  monthStartSchema,
  objectIdSchema,
  serviceSchema,
  type DashboardQuery,
  type MonthSpan,
} from '../../contract';

/**
 * Atlas's filter body (`CostExplorerFilterRequestBody`) as the BFF sends it, normalized: what a
 * job stores, what its key is made of, what its calls send. Only the BFF knows Atlas's rules:
 * `endDate` is the first day AFTER the range, `organizations` is always explicit, and a group-by
 * dimension needs at least one filter value.
 */
const idList = z.array(objectIdSchema).min(1).max(MAX_FILTER_ITEMS);
/**
 * A group-by over every project or cluster names them all, more than one Atlas query carries:
 * the question keeps the whole list and its plan asks Atlas in parts (see query-plan.ts).
 */
export const MAX_GROUP_IDS = 100_000;
const groupIdList = z.array(objectIdSchema).min(1).max(MAX_GROUP_IDS);

export const atlasQuerySchema = z
  .strictObject({
    startDate: monthStartSchema,
    endDate: monthStartSchema,
    organizations: idList,
    projects: groupIdList.optional(),
    clusters: groupIdList.optional(),
    services: z.array(serviceSchema).min(1).max(MAX_FILTER_ITEMS).optional(),
    groupBy: groupBySchema.optional(),
    includePartialMatches: z.literal(true).optional(),
  })
  .refine((q) => monthIndex(q.endDate) > monthIndex(q.startDate), { path: ['endDate'] })
  .refine((q) => !q.groupBy || (q[q.groupBy]?.length ?? 0) > 0, { path: ['groupBy'] });
export type AtlasQuery = z.infer<typeof atlasQuerySchema>;

/** The filter values a group-by needs when the question chose none (see group-values.ts). */
export interface GroupValues {
  projects?: readonly string[];
  clusters?: readonly string[];
}

const sortedUnique = <T extends string>(values: readonly T[]) => [...new Set(values)].sort();
const nonEmpty = <T extends string>(values: readonly T[]) =>
  values.length > 0 ? sortedUnique(values) : undefined;

/**
 * A question → Atlas's body. Lists are sorted and de-duplicated and empty ones left out, so two
 * ways of asking the same thing give the same body (and share a job and a cached result).
 */
export function toAtlasQuery(
  question: DashboardQuery,
  months: MonthSpan,
  organizations: readonly string[],
  groupValues: GroupValues = {},
): AtlasQuery {
  const { filters, groupBy } = question;
  const query: AtlasQuery = {
    startDate: months.first,
    endDate: monthFromIndex(monthIndex(months.last) + 1),
    organizations: sortedUnique(organizations),
  };
  const filled = (dimension: 'projects' | 'clusters') =>
    groupBy === dimension ? nonEmpty(groupValues[dimension] ?? []) : undefined;
  const projects = nonEmpty(filters.projects) ?? filled('projects');
  const clusters = nonEmpty(filters.clusters) ?? filled('clusters');
  // Every service Atlas names stands for "all services" when a group-by chose none.
  const services =
    nonEmpty(filters.services) ?? (groupBy === 'services' ? nonEmpty(ATLAS_SERVICES) : undefined);
  if (projects) query.projects = projects;
  if (clusters) query.clusters = clusters;
  if (services) query.services = services;
  if (groupBy) query.groupBy = groupBy;
  if (question.includePartialMatches) query.includePartialMatches = true;
  return query;
}

/** The months an Atlas body covers, inclusive, as people name them. */
export function monthsOf(query: Pick<AtlasQuery, 'startDate' | 'endDate'>): MonthSpan {
  return { first: query.startDate, last: monthFromIndex(monthIndex(query.endDate) - 1) };
}

/** Lists longer than this are logged as their length: a group-by over 13,500 clusters is not a log line. */
const LOGGED_IDS = 20;

/** The body as logs show it: every field, but long id lists as `<n ids>`. */
export function auditedQuery(query: AtlasQuery): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...query };
  for (const key of ['organizations', 'projects', 'clusters'] as const) {
    const ids = query[key];
    if (ids && ids.length > LOGGED_IDS) shown[key] = `<${ids.length} ids>`;
  }
  return shown;
}

import { z } from 'zod';
import { objectIdSchema } from './ids';
import {
  currentMonthStart,
  monthFromIndex,
  monthIndex,
  monthStartSchema,
  RETENTION_MONTHS,
  retentionWindow,
} from './months';
import { serviceSchema } from './services';

/**
 * The one shape of a question a person asks ("Acme, Sep–Nov, by project"): what the form edits,
 * what a link encodes, what a preset stores and what the browser POSTs. Months are inclusive and
 * named as people name them; only the BFF turns this into Atlas's filter body (the exclusive end
 * date, the explicit organizations list, the rule that a group-by needs filter values).
 */

export const GROUP_BY_VALUES = ['organizations', 'projects', 'clusters', 'services'] as const;
export const groupBySchema = z.enum(GROUP_BY_VALUES, {
  error: 'must be one of organizations, projects, clusters, services',
});
export type GroupBy = z.infer<typeof groupBySchema>;

export const RELATIVE_PERIODS = [
  'last-3-complete-months',
  'last-6-months',
  'last-12-months',
  'year-to-date',
  'current-month',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** What the page shows next to a relative period, so nobody mistakes it for fixed dates. */
export const RELATIVE_PERIOD_LABELS: Record<RelativePeriod, string> = {
  'last-3-complete-months': 'Last 3 complete months',
  'last-6-months': 'Last 6 months (including this month)',
  'last-12-months': 'Last 12 months (including this month)',
  'year-to-date': 'Year to date',
  'current-month': 'This month so far',
};

const monthsPeriodSchema = z
  .strictObject({
    kind: z.literal('months'),
    /** The first and the last month shown, both included (`YYYY-MM-01`). */
    first: monthStartSchema,
    last: monthStartSchema,
  })
  .refine((p) => monthIndex(p.last) >= monthIndex(p.first), {
    path: ['last'],
    error: 'must not be before the first month',
  });

const relativePeriodSchema = z.strictObject({
  kind: z.literal('relative'),
  period: z.enum(RELATIVE_PERIODS, { error: `must be one of ${RELATIVE_PERIODS.join(', ')}` }),
});

/** These exact months, or a period worked out again whenever the question is asked. */
export const periodSchema = z.discriminatedUnion('kind', [
  monthsPeriodSchema,
  relativePeriodSchema,
]);
export type Period = z.infer<typeof periodSchema>;

/** Inclusive month starts: what a period means at a given moment. */
export interface MonthSpan {
  first: string;
  last: string;
}
export const monthSpanSchema = z.object({ first: monthStartSchema, last: monthStartSchema });

/**
 * A period as months at `now` (UTC). "Complete" months exclude the current one; the others end
 * with the current (partial) month. Pure, so the page labels exactly what the server resolved.
 */
export function resolvePeriod(period: Period, now: Date): MonthSpan {
  if (period.kind === 'months') return { first: period.first, last: period.last };
  const current = monthIndex(currentMonthStart(now));
  const span = (first: number, last: number) => ({
    first: monthFromIndex(first),
    last: monthFromIndex(last),
  });
  switch (period.period) {
    case 'last-3-complete-months':
      return span(current - 3, current - 1);
    case 'last-6-months':
      return span(current - 5, current);
    case 'last-12-months':
      return span(current - 11, current);
    case 'year-to-date':
      return span(now.getUTCFullYear() * 12, current);
    case 'current-month':
      return span(current, current);
  }
}

/** Atlas takes up to 500 ids a list; a longer filter is a mistake. */
export const MAX_FILTER_ITEMS = 500;
const idListSchema = z.array(objectIdSchema).max(MAX_FILTER_ITEMS);

/** Empty lists mean "all" (of what the viewer may see). */
export const dashboardFiltersSchema = z.strictObject({
  /** Narrows a paying organization's view to some of its linked organizations. */
  organizations: idListSchema.default([]),
  projects: idListSchema.default([]),
  clusters: idListSchema.default([]),
  services: z.array(serviceSchema).max(MAX_FILTER_ITEMS).default([]),
});
export type DashboardFilters = z.output<typeof dashboardFiltersSchema>;

/** At most this many drill-down steps (organizations → projects → clusters → services → …). */
export const MAX_DRILL_STEPS = 8;

/** One drill-down step: the group (of the level's dimension) the user broke down. */
export const drillPathStepSchema = z.strictObject({
  dimension: groupBySchema,
  /** An Atlas object id, or a service name for the services dimension. */
  id: z.string().min(1).max(64),
});
export type DrillPathStep = z.infer<typeof drillPathStepSchema>;

export const RESULTS_TABS = ['pivot', 'rows'] as const;

/** How the results look: loose in meaning, bounded in size (links and presets carry it). */
export const viewOptionsSchema = z.strictObject({
  chartTopN: z.number().int().min(1).max(50).optional(),
  perDay: z.boolean().optional(),
  sort: z.strictObject({ column: z.string().min(1).max(64), desc: z.boolean() }).optional(),
  filterText: z.string().max(200).optional(),
  tab: z.enum(RESULTS_TABS).optional(),
  drill: z.array(drillPathStepSchema).max(MAX_DRILL_STEPS).optional(),
});
export type ViewOptions = z.output<typeof viewOptionsSchema>;

const dashboardQueryShape = z.strictObject({
  orgId: objectIdSchema,
  period: periodSchema,
  filters: dashboardFiltersSchema.default({
    organizations: [],
    projects: [],
    clusters: [],
    services: [],
  }),
  groupBy: groupBySchema.optional(),
  includePartialMatches: z.boolean({ error: 'must be true or false' }).default(false),
  view: viewOptionsSchema.default({}),
});

/** Format rules only (no clock): what a stored preset or a link must satisfy. */
export const dashboardQuerySchema = dashboardQueryShape;
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
/** What a client may send: lists, the partial flag and the view may be left out. */
export type DashboardQueryInput = z.input<typeof dashboardQuerySchema>;

/** How far back a question may reach: Atlas's window, or further where the BFF keeps months. */
export interface MonthBounds {
  /** How many months back Atlas serves (18 unless the deployment says otherwise). */
  atlasMonths?: number;
  /** The oldest month the dashboard keeps, when older than Atlas's window. */
  earliestKept?: string | null;
}

/**
 * The format rules plus the months that can be answered at `now`: from Atlas's window (18 months
 * back), or from the oldest month the dashboard kept when that is older, to the current month.
 * Issues name `period.first` / `period.last`. Use at the BFF edge and in the form.
 */
export function dashboardQuerySchemaAt(now: Date, bounds: MonthBounds = {}) {
  const atlasMonths = bounds.atlasMonths ?? RETENTION_MONTHS;
  return dashboardQueryShape.superRefine((query, ctx) => {
    const { first, last } = resolvePeriod(query.period, now);
    const { earliestStart: atlasEarliest, latestEnd } = retentionWindow(now, atlasMonths);
    const kept = bounds.earliestKept ?? undefined;
    const keptIsOlder = kept !== undefined && monthIndex(kept) < monthIndex(atlasEarliest);
    const earliestStart = keptIsOlder ? kept : atlasEarliest;
    if (monthIndex(first) < monthIndex(earliestStart)) {
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'first'],
        message: keptIsOlder
          ? `must not be before ${earliestStart}: Atlas keeps ${atlasMonths} months of cost data and this dashboard has kept none older`
          : `must not be before ${earliestStart}: Atlas keeps ${atlasMonths} months of cost data`,
      });
    }
    if (monthIndex(last) >= monthIndex(latestEnd)) {
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'last'],
        message: `must not be after ${monthFromIndex(monthIndex(latestEnd) - 1)}: there is no cost data for future months`,
      });
    }
  });
}

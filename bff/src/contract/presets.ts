import { z } from 'zod';
import { groupBySchema, type GroupBy } from './cost-query';
import { objectIdSchema } from './ids';
import { currentMonthStart, monthFromIndex, monthIndex, monthStartSchema } from './months';
import { serviceSchema } from './services';

/** The preset shape the server writes today; older stored versions are migrated on read. */
export const PRESET_SCHEMA_VERSION = 2;

/** Share-link ids: 16 random bytes in base64url (128 bits), never filters encoded in the URL. */
export const presetIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, { error: 'is not a valid preset id' });
export const presetPathSchema = z.strictObject({ id: presetIdSchema });

export const RELATIVE_PERIODS = [
  'last-3-complete-months',
  'last-6-months',
  'last-12-months',
  'year-to-date',
  'current-month',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** What the page shows next to a relative range, so nobody mistakes it for fixed dates. */
export const RELATIVE_PERIOD_LABELS: Record<RelativePeriod, string> = {
  'last-3-complete-months': 'Last 3 complete months',
  'last-6-months': 'Last 6 months (including this month)',
  'last-12-months': 'Last 12 months (including this month)',
  'year-to-date': 'Year to date',
  'current-month': 'This month so far',
};

const absoluteRangeSchema = z
  .strictObject({
    kind: z.literal('absolute'),
    startDate: monthStartSchema,
    /** Exclusive, like Atlas's endDate: the first day after the range. */
    endDate: monthStartSchema,
  })
  .refine((r) => monthIndex(r.endDate) > monthIndex(r.startDate), {
    path: ['endDate'],
    error: 'must be after startDate (endDate is exclusive: the first day after the range)',
  });

const relativeRangeSchema = z.strictObject({
  kind: z.literal('relative'),
  period: z.enum(RELATIVE_PERIODS, { error: `must be one of ${RELATIVE_PERIODS.join(', ')}` }),
});

export const presetRangeSchema = z.discriminatedUnion('kind', [
  absoluteRangeSchema,
  relativeRangeSchema,
]);
export type PresetRange = z.infer<typeof presetRangeSchema>;

export interface ResolvedRange {
  startDate: string;
  endDate: string;
}

/**
 * Turns a range into month starts (UTC, end exclusive) as of `now`. Pure, so the page labels
 * exactly what the server resolved. "Complete" months exclude the current one; the others end
 * with the current (partial) month.
 */
export function resolveRange(range: PresetRange, now: Date): ResolvedRange {
  if (range.kind === 'absolute') return { startDate: range.startDate, endDate: range.endDate };
  const current = monthIndex(currentMonthStart(now));
  const span = (start: number, end: number) => ({
    startDate: monthFromIndex(start),
    endDate: monthFromIndex(end),
  });
  switch (range.period) {
    case 'last-3-complete-months':
      return span(current - 3, current);
    case 'last-6-months':
      return span(current - 5, current + 1);
    case 'last-12-months':
      return span(current - 11, current + 1);
    case 'year-to-date':
      return span(now.getUTCFullYear() * 12, current + 1);
    case 'current-month':
      return span(current, current + 1);
  }
}

const MAX_FILTER_ITEMS = 500;
const idListSchema = z.array(objectIdSchema).max(MAX_FILTER_ITEMS);

export const presetFiltersSchema = z.strictObject({
  organizations: idListSchema.optional(),
  projects: idListSchema.optional(),
  clusters: idListSchema.optional(),
  services: z.array(serviceSchema).max(MAX_FILTER_ITEMS).optional(),
  includePartialMatches: z.boolean({ error: 'must be true or false' }).optional(),
});

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

/**
 * Results-view options: loose in meaning, bounded in size (this is stored and shared).
 * `tab` and `drill` were added to schema version 2 as optional fields: every stored preset
 * still reads the same, so no migration (see docs/url-state.md).
 */
export const presetViewSchema = z.strictObject({
  chartTopN: z.number().int().min(1).max(50).optional(),
  perDay: z.boolean().optional(),
  sort: z.strictObject({ column: z.string().min(1).max(64), desc: z.boolean() }).optional(),
  filterText: z.string().max(200).optional(),
  tab: z.enum(RESULTS_TABS).optional(),
  drill: z.array(drillPathStepSchema).max(MAX_DRILL_STEPS).optional(),
});

const presetFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(120),
  description: z.string().trim().max(1000).default(''),
  orgId: objectIdSchema,
  filters: presetFiltersSchema.default({}),
  groupBy: groupBySchema.optional(),
  range: presetRangeSchema,
  view: presetViewSchema.default({}),
};

/** Same rule as a cost query: a preset must always produce a query Atlas accepts. */
function checkGroupBy(
  preset: { groupBy?: GroupBy | undefined; filters: z.output<typeof presetFiltersSchema> },
  ctx: z.RefinementCtx,
): void {
  if (preset.groupBy && !preset.filters[preset.groupBy]?.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['filters', preset.groupBy],
      message: `needs at least one value to group by ${preset.groupBy}`,
    });
  }
}

/** What the browser sends on POST and PUT (a PUT replaces the whole preset). */
export const presetInputSchema = z.strictObject(presetFields).superRefine(checkGroupBy);
export type PresetInput = z.input<typeof presetInputSchema>;
export type PresetParams = z.output<typeof presetInputSchema>;

/** A part of a preset the viewer was not shown, and why (the page lists these in a notice). */
export const withheldPartSchema = z.object({ field: z.string(), reason: z.string() });
export type WithheldPart = z.infer<typeof withheldPartSchema>;

const presetMetaFields = {
  id: presetIdSchema,
  /** Whether the viewer saved it (only then may they change or delete it). */
  ownedByYou: z.boolean(),
  /**
   * Who shared it, for someone else's preset: the name the sign-in proxy gave when it was saved
   * (or the e-mail) when the deployment chooses to show it; absent means a neutral "shared".
   */
  sharedBy: z.string().optional(),
  /** Ids the viewer may not see, left out of `filters` and `view.drill` (never sent to Atlas). */
  withheld: z.array(withheldPartSchema).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Bumped by every save; the ETag and If-Match carry it. */
  version: z.number().int().positive(),
  schemaVersion: z.literal(PRESET_SCHEMA_VERSION),
};

export const presetSchema = z
  .object({ ...presetFields, ...presetMetaFields })
  .superRefine(checkGroupBy);
export type Preset = z.output<typeof presetSchema>;

/** `GET /api/presets/:id`: the preset plus its range resolved for "now" by the server. */
export const presetResponseSchema = z
  .object({
    ...presetFields,
    ...presetMetaFields,
    resolved: z.object({ startDate: monthStartSchema, endDate: monthStartSchema }),
  })
  .superRefine(checkGroupBy);
export type PresetResponse = z.output<typeof presetResponseSchema>;

export const presetListSchema = z.object({ items: z.array(presetResponseSchema) });
export type PresetList = z.output<typeof presetListSchema>;

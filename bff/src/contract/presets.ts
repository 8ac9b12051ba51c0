import { z } from 'zod';
import { dashboardQuerySchema, monthSpanSchema } from './dashboard-query';

/** The preset shape the server writes today; older stored versions are migrated on read. */
export const PRESET_SCHEMA_VERSION = 3;

/** Share-link ids: 16 random bytes in base64url (128 bits), never filters encoded in the URL. */
export const presetIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, { error: 'is not a valid preset id' });
export const presetPathSchema = z.strictObject({ id: presetIdSchema });

const presetFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(120),
  description: z.string().trim().max(1000).default(''),
  /** The dashboard question, with a relative period worked out again each time it opens. */
  query: dashboardQuerySchema,
};

/** What the browser sends on POST and PUT (a PUT replaces the whole preset). */
export const presetInputSchema = z.strictObject(presetFields);
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
   * Who shared it, for someone else's preset, when the deployment chooses to show that (the
   * owner's e-mail); absent means a neutral "shared preset".
   */
  sharedBy: z.string().optional(),
  /** Ids the viewer may not see, left out of the query's filters and drill-down (never sent to Atlas). */
  withheld: z.array(withheldPartSchema).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Bumped by every save; the ETag and If-Match carry it. */
  version: z.number().int().positive(),
  schemaVersion: z.literal(PRESET_SCHEMA_VERSION),
};

/** `GET /api/presets/:id`: the preset plus the months its period means now, as the server resolved them. */
export const presetResponseSchema = z.object({
  ...presetFields,
  ...presetMetaFields,
  resolved: monthSpanSchema,
});
export type PresetResponse = z.output<typeof presetResponseSchema>;

/**
 * `GET /api/presets`: the viewer's presets, most recently changed first, a page at a time.
 * `nextCursor` (absent on the last page) asks for the next page; it is opaque.
 */
export const presetListSchema = z.object({
  items: z.array(presetResponseSchema),
  nextCursor: z.string().optional(),
});
export type PresetList = z.output<typeof presetListSchema>;

export const PRESET_PAGE_MAX = 100;
export const presetListQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${PRESET_PAGE_MAX}` })
    .int({ error: `must be a whole number from 1 to ${PRESET_PAGE_MAX}` })
    .min(1, { error: `must be a whole number from 1 to ${PRESET_PAGE_MAX}` })
    .max(PRESET_PAGE_MAX, { error: `must be a whole number from 1 to ${PRESET_PAGE_MAX}` })
    .default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, { error: 'is not a cursor this server gave' })
    .optional(),
});

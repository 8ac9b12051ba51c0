import { z } from 'zod';
import {
  monthFromIndex,
  monthIndex,
  PRESET_SCHEMA_VERSION,
  presetInputSchema,
  type PresetParams,
} from '../contract';

/**
 * Stored presets keep the schema version they were written with (Kibana's locators: store the
 * id, the version and the params, never a URL). Pure migrations bring old params up to date on
 * read; the row itself is rewritten at its next save. Every version ever written has a fixture in
 * bff/test/fixtures/presets/ that must keep opening.
 */

/**
 * v1, frozen: months as `YYYY-MM` with an inclusive end, three filter lists that were always
 * present (empty meaning "all"), `groupBy` null for none, `partial` for includePartialMatches.
 * Never import today's contract here: v1 must read the same forever.
 */
export const presetV1Schema = z.object({
  name: z.string(),
  orgId: z.string(),
  startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  endMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  filters: z.object({
    projects: z.array(z.string()),
    clusters: z.array(z.string()),
    services: z.array(z.string()),
  }),
  groupBy: z.enum(['organizations', 'projects', 'clusters', 'services']).nullable(),
  partial: z.boolean(),
});

function migrateV1ToV2(params: unknown): unknown {
  const v1 = presetV1Schema.parse(params);
  const nonEmpty = (list: string[]) => (list.length > 0 ? list : undefined);
  return {
    name: v1.name,
    description: '',
    orgId: v1.orgId,
    filters: {
      // v1's page grouped by organization over its own organization alone (it named it in
      // Atlas's body); v2 says so with an organizations filter, as v2's page wrote it.
      organizations: v1.groupBy === 'organizations' ? [v1.orgId] : undefined,
      projects: nonEmpty(v1.filters.projects),
      clusters: nonEmpty(v1.filters.clusters),
      services: nonEmpty(v1.filters.services),
      includePartialMatches: v1.partial,
    },
    groupBy: v1.groupBy ?? undefined,
    // v2 ranges end exclusively, like Atlas: the month after v1's inclusive end.
    range: {
      kind: 'absolute',
      startDate: `${v1.startMonth}-01`,
      endDate: monthFromIndex(monthIndex(`${v1.endMonth}-01`) + 1),
    },
    view: {},
  };
}

/**
 * v2, frozen: the browser's preset body as it was until the dashboard question became one shape:
 * top-level `orgId`, `filters` (with `includePartialMatches` inside), `groupBy`, a `range` that
 * is absolute (Atlas's exclusive end) or relative, and `view`. Only what v3 needs is read here;
 * v3's own schema checks the result.
 */
const presetV2Schema = z.object({
  name: z.string(),
  description: z.string().default(''),
  orgId: z.string(),
  filters: z
    .object({
      organizations: z.array(z.string()).optional(),
      projects: z.array(z.string()).optional(),
      clusters: z.array(z.string()).optional(),
      services: z.array(z.string()).optional(),
      includePartialMatches: z.boolean().optional(),
    })
    .default({}),
  groupBy: z.string().optional(),
  range: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('absolute'), startDate: z.string(), endDate: z.string() }),
    z.object({ kind: z.literal('relative'), period: z.string() }),
  ]),
  view: z.record(z.string(), z.unknown()).default({}),
});

function migrateV2ToV3(params: unknown): unknown {
  const v2 = presetV2Schema.parse(params);
  const { includePartialMatches, organizations, projects, clusters, services } = v2.filters;
  return {
    name: v2.name,
    description: v2.description,
    query: {
      orgId: v2.orgId,
      // v3 months are inclusive: the month before v2's exclusive end.
      period:
        v2.range.kind === 'absolute'
          ? {
              kind: 'months',
              first: v2.range.startDate,
              last: monthFromIndex(monthIndex(v2.range.endDate) - 1),
            }
          : { kind: 'relative', period: v2.range.period },
      // An organizations list (the page wrote [orgId] to group by organization) is kept as it
      // was, so the preset still covers exactly what it covered; without one, v2's page opened a
      // group-by-organization preset over its own organization alone, so that is what it means.
      filters: {
        organizations: organizations ?? (v2.groupBy === 'organizations' ? [v2.orgId] : []),
        projects: projects ?? [],
        clusters: clusters ?? [],
        services: services ?? [],
      },
      ...(v2.groupBy !== undefined && { groupBy: v2.groupBy }),
      includePartialMatches: includePartialMatches ?? false,
      view: v2.view,
    },
  };
}

/** `MIGRATIONS[n]` turns version n params into version n + 1 params. */
const MIGRATIONS: Readonly<Record<number, (params: unknown) => unknown>> = {
  1: migrateV1ToV2,
  2: migrateV2ToV3,
};

export class UnreadablePresetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreadablePresetError';
  }
}

/** Upgrades stored params to the current schema and validates them; throws if that fails. */
export function upgradePresetParams(schemaVersion: number, params: unknown): PresetParams {
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new UnreadablePresetError(`unknown preset schema version ${schemaVersion}`);
  }
  if (schemaVersion > PRESET_SCHEMA_VERSION) {
    // Written by a newer release (e.g. during a rollback): refuse rather than guess.
    throw new UnreadablePresetError(
      `preset schema version ${schemaVersion} is newer than this server's ${PRESET_SCHEMA_VERSION}`,
    );
  }
  let current = params;
  try {
    for (let version = schemaVersion; version < PRESET_SCHEMA_VERSION; version++) {
      const migrate = MIGRATIONS[version];
      if (!migrate) throw new Error(`no migration from preset schema version ${version}`);
      current = migrate(current);
    }
    return presetInputSchema.parse(current);
  } catch (err) {
    throw new UnreadablePresetError(
      `stored preset (schema version ${schemaVersion}) does not fit the current schema`,
      { cause: err },
    );
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthFromIndex } from '../../contract/months';
import { ATLAS_SERVICES } from '../../contract/services';
import { DEFAULT_SEED, getDatasetModel } from '../dataset/dataset';
import { simulatorProfile } from '../profiles';
import { runUsageQuery, type GroupBy, type UsageQuery, type UsageRow } from './usage-query';

const NOW = new Date('2026-03-15T12:00:00.000Z');
const CURRENT = 2026 * 12 + 2;
const model = getDatasetModel(DEFAULT_SEED, 1, CURRENT);
const { dataset } = model;
const family = [dataset.payingOrgId, ...dataset.linkedOrgIds];

const cents = (rows: UsageRow[]) =>
  rows.reduce((sum, r) => sum + Math.round(r.usageAmount * 100), 0);
const subset = <T>(items: readonly T[], max: number) => fc.subarray([...items], { maxLength: max });

/** Filters inside the retention window, mixing real ids (some deleted, some foreign) and none. */
const filterArb = fc
  .record({
    pathOrg: fc.constantFrom(...family),
    start: fc.integer({ min: CURRENT - 18, max: CURRENT }),
    span: fc.integer({ min: 1, max: 19 }),
    organizations: subset(family, 3),
    projects: subset(
      dataset.projects.map((p) => p.id),
      6,
    ),
    clusters: subset(
      dataset.clusters.map((c) => c.id),
      8,
    ),
    services: subset(ATLAS_SERVICES, 5),
    includePartialMatches: fc.boolean(),
  })
  .map(({ pathOrg, start, span, ...lists }) => ({
    pathOrg,
    query: {
      ...lists,
      startDate: monthFromIndex(start),
      endDate: monthFromIndex(Math.min(start + span, CURRENT + 1)),
    } satisfies UsageQuery,
  }));

/** groupBy values Atlas accepts for this filter: none, or a dimension that has filter values. */
const allowedGroupings = (q: UsageQuery): Array<GroupBy | undefined> => [
  undefined,
  ...(['organizations', 'projects', 'clusters', 'services'] as const).filter(
    (g) => q[g].length > 0,
  ),
];

describe('Cost Explorer result consistency (property-based)', () => {
  it('sums to the same total, to the cent, under every allowed groupBy', () => {
    fc.assert(
      fc.property(filterArb, ({ pathOrg, query }) => {
        const totals = allowedGroupings(query).map((groupBy) =>
          cents(runUsageQuery(model, pathOrg, { ...query, groupBy }, NOW)),
        );
        expect(new Set(totals).size).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it.each(['orphan-charges', 'all-unknowns'] as const)(
    'sums to the same total under every allowed groupBy on the %s profile too',
    (name) => {
      const profile = simulatorProfile(name);
      fc.assert(
        fc.property(filterArb, ({ pathOrg, query }) => {
          const totals = allowedGroupings(query).map((groupBy) =>
            cents(runUsageQuery(model, pathOrg, { ...query, groupBy }, NOW, profile)),
          );
          expect(new Set(totals).size).toBe(1);
        }),
        { numRuns: 40 },
      );
    },
  );

  it('adds only unattributed charges when partial matches are included', () => {
    fc.assert(
      fc.property(filterArb, ({ pathOrg, query }) => {
        const grouped = { ...query, groupBy: 'clusters' as const, clusters: query.clusters };
        const strict = runUsageQuery(
          model,
          pathOrg,
          { ...grouped, includePartialMatches: false },
          NOW,
        );
        const partial = runUsageQuery(
          model,
          pathOrg,
          { ...grouped, includePartialMatches: true },
          NOW,
        );
        const filtered = query.projects.length > 0 || query.clusters.length > 0;
        const unattributed = partial.filter((r) =>
          query.clusters.length > 0 ? r.clusterUniqueId === undefined : r.projectId === undefined,
        );
        const attributed = partial.filter((r) => !unattributed.includes(r));
        // Attributed rows are unchanged; the difference is exactly the rows without those keys.
        if (filtered) expect(attributed).toEqual(strict);
        else expect(partial).toEqual(strict);
        expect(cents(partial) - cents(strict)).toBe(filtered ? cents(unattributed) : 0);
      }),
      { numRuns: 100 },
    );
  });
});

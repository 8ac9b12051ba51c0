import { describe, expect, it } from 'vitest';
import { ATLAS_SERVICES, dashboardQuerySchema, type DashboardQueryInput } from '../../contract';
import { atlasQuerySchema, monthsOf, toAtlasQuery, type GroupValues } from './atlas-query';
import { queryKeyOf } from './query-key';

const org = 'f'.repeat(24);
const p1 = 'a'.repeat(24);
const p2 = 'b'.repeat(24);
const span = { first: '2026-01-01', last: '2026-03-01' };

const atlasOf = (
  question: Omit<DashboardQueryInput, 'orgId' | 'period'>,
  organizations = [org],
  values?: GroupValues,
) =>
  toAtlasQuery(
    dashboardQuerySchema.parse({ orgId: org, period: { kind: 'months', ...span }, ...question }),
    span,
    organizations,
    values,
  );
const keyOf = (...args: Parameters<typeof atlasOf>) => queryKeyOf(atlasOf(...args));

describe('a dashboard question as Atlas’s filter body', () => {
  it('ends the day after the last month (Atlas’s end is exclusive) and names its organizations', () => {
    expect(atlasOf({})).toEqual({
      startDate: '2026-01-01',
      endDate: '2026-04-01',
      organizations: [org],
    });
    expect(monthsOf(atlasOf({}))).toEqual(span);
  });

  it('crosses a year end: December is ended by 1 January', () => {
    const body = toAtlasQuery(
      dashboardQuerySchema.parse({
        orgId: org,
        period: { kind: 'months', first: '2025-12-01', last: '2025-12-01' },
      }),
      { first: '2025-12-01', last: '2025-12-01' },
      [org],
    );
    expect(body.endDate).toBe('2026-01-01');
  });

  it('is sorted, de-duplicated and leaves empty lists and a false partial flag out', () => {
    expect(atlasOf({ filters: { projects: [p2, p1, p1], clusters: [] } }, [p2, org, p2])).toEqual({
      startDate: '2026-01-01',
      endDate: '2026-04-01',
      organizations: [p2, org].sort(),
      projects: [p1, p2],
    });
  });

  it('names every value of a group-by that chose none (services: every service Atlas names)', () => {
    expect(atlasOf({ groupBy: 'projects' }, [org], { projects: [p2, p1] }).projects).toEqual([
      p1,
      p2,
    ]);
    expect(atlasOf({ groupBy: 'services' }).services).toEqual([...ATLAS_SERVICES].sort());
    expect(atlasOf({ groupBy: 'organizations' }).organizations).toEqual([org]);
    // A chosen list wins over the filled one.
    expect(
      atlasOf({ groupBy: 'projects', filters: { projects: [p1] } }, [org], { projects: [p2] })
        .projects,
    ).toEqual([p1]);
    for (const body of [
      atlasOf({ groupBy: 'projects' }, [org], { projects: [p1] }),
      atlasOf({ groupBy: 'services' }),
    ]) {
      expect(atlasQuerySchema.safeParse(body).success).toBe(true);
    }
  });
});

describe('the query key', () => {
  it('is the same whatever the order or repetition of ids and services', () => {
    expect(keyOf({ filters: { projects: [p2, p1, p2], services: ['Storage', 'Atlas'] } })).toBe(
      keyOf({ filters: { projects: [p1, p2], services: ['Atlas', 'Storage', 'Atlas'] } }),
    );
  });

  it('treats an empty list and a false partial flag as not given, and ignores view options', () => {
    expect(
      keyOf({ filters: { clusters: [] }, includePartialMatches: false, view: { tab: 'rows' } }),
    ).toBe(keyOf({}));
  });

  it('differs when months, group-by, the partial flag, the filter or the organizations differ', () => {
    const longer = toAtlasQuery(
      dashboardQuerySchema.parse({ orgId: org, period: { kind: 'months', ...span } }),
      { first: '2026-01-01', last: '2026-04-01' },
      [org],
    );
    const keys = [
      keyOf({}),
      queryKeyOf(longer),
      keyOf({ filters: { projects: [p1] }, groupBy: 'projects' }),
      keyOf({ filters: { projects: [p1] } }),
      keyOf({ includePartialMatches: true }),
      keyOf({}, [org, p1]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

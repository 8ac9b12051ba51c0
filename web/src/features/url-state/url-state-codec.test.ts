import {
  ATLAS_SERVICES,
  GROUP_BY_VALUES,
  MAX_DRILL_STEPS,
  monthFromIndex,
  RELATIVE_PERIODS,
  RESULTS_TABS,
  type DrillPathStep,
} from '@ace/bff/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyLinkState, type LinkState } from './url-state';
import {
  controlsKey,
  decodeUrlState,
  encodeUrlState,
  isShareable,
  viewLink,
} from './url-state-codec';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
const P2 = 'bbbbbbbbbbbbbbbbbbbbbbb2';

const id = fc.stringMatching(/^[a-f0-9]{24}$/);
const drillStep: fc.Arbitrary<DrillPathStep> = fc.oneof(
  fc.record({ dimension: fc.constantFrom('organizations', 'projects', 'clusters'), id }),
  fc.record({ dimension: fc.constant('services'), id: fc.constantFrom(...ATLAS_SERVICES) }),
);
const monthIndex = fc.integer({ min: 2000 * 12, max: 2100 * 12 });
const period = fc.oneof(
  fc.tuple(monthIndex, fc.nat({ max: 40 })).map(([start, span]) => ({
    kind: 'months' as const,
    first: monthFromIndex(start),
    last: monthFromIndex(start + span),
  })),
  fc.constantFrom(...RELATIVE_PERIODS).map((p) => ({ kind: 'relative' as const, period: p })),
);
const view = fc.record(
  {
    chartTopN: fc.integer({ min: 1, max: 50 }),
    perDay: fc.boolean(),
    sort: fc.record({
      column: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
      desc: fc.boolean(),
    }),
    filterText: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    tab: fc.constantFrom(...RESULTS_TABS),
    drill: fc.array(drillStep, { minLength: 1, maxLength: MAX_DRILL_STEPS }),
  },
  { requiredKeys: [] },
);
const state: fc.Arbitrary<LinkState> = fc.record({
  query: fc.record(
    {
      orgId: fc.oneof(fc.constant(''), id),
      period,
      filters: fc.record({
        organizations: fc.uniqueArray(id, { maxLength: 3 }),
        projects: fc.uniqueArray(id, { maxLength: 5 }),
        clusters: fc.uniqueArray(id, { maxLength: 5 }),
        services: fc.uniqueArray(fc.constantFrom(...ATLAS_SERVICES), { maxLength: 5 }),
      }),
      groupBy: fc.constantFrom(...GROUP_BY_VALUES),
      includePartialMatches: fc.boolean(),
      view,
    },
    { requiredKeys: ['orgId', 'filters', 'includePartialMatches', 'view'] },
  ),
  run: fc.boolean(),
});

/** A link state from the parts a test names (the rest empty). */
function linkState(
  query: Partial<Omit<LinkState['query'], 'filters'>> & {
    filters?: Partial<LinkState['query']['filters']>;
  } = {},
  run = false,
): LinkState {
  const empty = emptyLinkState();
  return {
    query: { ...empty.query, ...query, filters: { ...empty.query.filters, ...query.filters } },
    run,
  };
}

describe('the dashboard URL codec', () => {
  it('reads back exactly what it wrote, with nothing ignored', () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(decodeUrlState(encodeUrlState(s))).toEqual({ state: s, ignored: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the query string', () => {
    const pair = fc.tuple(
      fc.constantFrom(
        'v',
        'org',
        'from',
        'to',
        'p',
        'c',
        's',
        'g',
        'partial',
        'period',
        'o',
        'top',
        'sort',
        'q',
        'tab',
        'd',
        'x',
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), fc.string({ unit: 'binary' }), (pairs, raw) => {
        const search = pairs.map(([k, v]) => `${k}=${v}`).join('&');
        expect(() => decodeUrlState(search)).not.toThrow();
        expect(() => decodeUrlState(raw)).not.toThrow();
      }),
    );
  });

  // Months, projects, services, group-by, partial matches and run: written alike since version 1.
  const exactMonths = () =>
    linkState(
      {
        orgId: ORG,
        period: { kind: 'months', first: '2025-01-01', last: '2025-03-01' },
        filters: { projects: [P1, P2], services: ['Clusters', 'Data Transfer'] },
        groupBy: 'projects',
        includePartialMatches: true,
      },
      true,
    );
  const exactMonthsSearch = `org=${ORG}&from=2025-01&to=2025-03&p=${P1},${P2}&s=Clusters,Data%20Transfer&g=projects&partial=1&run=1`;

  it('writes short links: ids, months as YYYY-MM with an inclusive end, literal commas', () => {
    expect(encodeUrlState(exactMonths())).toBe(`v=2&${exactMonthsSearch}`);
  });

  it('writes a relative period by name and the organizations filter as o', () => {
    const s = linkState({
      orgId: ORG,
      period: { kind: 'relative', period: 'last-3-complete-months' },
      filters: { organizations: [P1] },
      groupBy: 'organizations',
    });
    const search = encodeUrlState(s);
    expect(search).toBe(`v=2&org=${ORG}&period=last-3-complete-months&o=${P1}&g=organizations`);
    expect(decodeUrlState(search)).toEqual({ state: s, ignored: [] });
  });

  it('reads a version 1 link to the same controls', () => {
    const { state: s, ignored } = decodeUrlState(`v=1&${exactMonthsSearch}`);
    expect(ignored).toEqual([]);
    expect(s).toEqual(exactMonths());
  });

  it("reads a version 1 group-by organization as the link's organization alone (the same total)", () => {
    const { state: s } = decodeUrlState(`v=1&org=${ORG}&g=organizations`);
    expect(s.query).toMatchObject({
      groupBy: 'organizations',
      filters: { organizations: [ORG] },
    });
    // Version 2 groups every organization the question covers unless `o` narrows it.
    expect(
      decodeUrlState(`v=2&org=${ORG}&g=organizations`).state.query.filters.organizations,
    ).toEqual([]);
  });

  it('prefers months to a relative period when a v2 link has both, and says so', () => {
    const { state: s, ignored } = decodeUrlState('v=2&from=2025-01&to=2025-02&period=year-to-date');
    expect(s.query.period).toEqual({ kind: 'months', first: '2025-01-01', last: '2025-02-01' });
    expect(ignored.map((i) => i.param)).toEqual(['period']);
    expect(decodeUrlState('v=2&period=last-week').ignored[0]?.param).toBe('period');
  });

  it('opens an empty query string as the defaults, silently', () => {
    expect(decodeUrlState('')).toEqual({ state: emptyLinkState(), ignored: [] });
  });

  it('ignores what it cannot use, says why, and keeps the rest', () => {
    const { state: s, ignored } = decodeUrlState(
      `v=1&org=nope&from=2025-13&to=2025-02&p=${P1},zzz&g=cows&top=99&sort=total.up&bogus=1&p=${P2}`,
    );
    expect(s).toEqual(linkState({ filters: { projects: [P1] } }));
    expect(ignored.map((i) => i.param)).toEqual([
      'from',
      'org',
      'p',
      'p',
      'g',
      'top',
      'sort',
      'bogus',
    ]);
    expect(ignored.find((i) => i.param === 'bogus')?.reason).toMatch(/not something/);
  });

  it('writes the results view and the drill-down path, readable and short', () => {
    const s = linkState(
      {
        view: {
          chartTopN: 10,
          perDay: true,
          sort: { column: 'total', desc: true },
          filterText: 'shop eu',
          tab: 'rows',
          drill: [
            { dimension: 'projects', id: P1 },
            { dimension: 'services', id: 'Data Transfer' },
          ],
        },
      },
      true,
    );
    const search = encodeUrlState(s);
    expect(search).toBe(
      `v=2&top=10&perday=1&sort=total.desc&q=shop%20eu&tab=rows&d=projects:${P1},services:Data%20Transfer&run=1`,
    );
    expect(decodeUrlState(search)).toEqual({ state: s, ignored: [] });
    expect(decodeUrlState(search.replace('v=2', 'v=1'))).toEqual({ state: s, ignored: [] });
  });

  it('does not restore a drill-down path with any unusable step, and says why', () => {
    const bad = [
      `d=projects:${P1},nowhere:${P2}`,
      `d=projects:zzz`,
      `d=services:Cows`,
      `d=${P1}`,
      `d=${Array.from({ length: MAX_DRILL_STEPS + 1 }, () => `projects:${P1}`).join(',')}`,
    ];
    for (const param of bad) {
      const { state: s, ignored } = decodeUrlState(`v=1&${param}&run=1`);
      expect(s.query.view.drill).toBeUndefined();
      expect(ignored).toEqual([{ param: 'd', reason: expect.stringMatching(/not restored/) }]);
    }
    expect(decodeUrlState('v=1&tab=chart').ignored).toEqual([
      { param: 'tab', reason: 'must be one of pivot, rows' },
    ]);
  });

  it('compares controls without the results view or the drill-down', () => {
    const s = linkState({ orgId: ORG });
    const viewed = linkState({
      orgId: ORG,
      view: { chartTopN: 5, drill: [{ dimension: 'projects' as const, id: P1 }] },
    });
    expect(controlsKey(viewed)).toBe(controlsKey(s));
  });

  it('refuses a range that ends before it starts, or has only one end', () => {
    expect(decodeUrlState('v=1&from=2025-05&to=2025-02').ignored).toEqual([
      { param: 'to', reason: 'is before from' },
    ]);
    expect(decodeUrlState('v=1&from=2025-05').ignored).toEqual([
      { param: 'from', reason: 'needs to too' },
    ]);
  });

  it('reads a link without a version as version 1, and says so', () => {
    const { state: s, ignored } = decodeUrlState(`org=${ORG}`);
    expect(s.query.orgId).toBe(ORG);
    expect(ignored).toEqual([{ param: 'v', reason: expect.stringMatching(/missing/) }]);
  });

  it('does not guess at a newer version', () => {
    const { state: s, ignored } = decodeUrlState(`v=7&org=${ORG}`);
    expect(s).toEqual(emptyLinkState());
    expect(ignored[0]?.reason).toMatch(/newer version/);
    expect(decodeUrlState('v=__proto__').ignored[0]?.reason).toMatch(/not a link version/);
  });

  it('writes lone surrogates in the filter text as U+FFFD instead of throwing', () => {
    const s = linkState({ view: { filterText: 'a\uD800b' } });
    expect(decodeUrlState(encodeUrlState(s)).state.query.view.filterText).toBe('a\uFFFDb');
  });

  it('compares controls without the run flag', () => {
    const s = linkState({ orgId: ORG });
    expect(controlsKey({ ...s, run: true })).toBe(controlsKey(s));
  });

  it('caps shareable links at about 2 KB', () => {
    const many = Array.from({ length: 100 }, (_, i) => i.toString(16).padStart(24, '0'));
    const short = viewLink(linkState({ filters: { clusters: many.slice(0, 10) } }), 'http://x');
    const long = viewLink(linkState({ filters: { clusters: many } }), 'http://x');
    expect(isShareable(short)).toBe(true);
    expect(isShareable(long)).toBe(false);
  });
});

import type { DashboardQuery } from '@ace/bff/contract';
import { describe, expect, it } from 'vitest';
import { drillQuery, nextDimension } from './drill-plan';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const LINKED = 'dddddddddddddddddddddddd';
const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
const P2 = 'bbbbbbbbbbbbbbbbbbbbbbb2';
const C1 = 'ccccccccccccccccccccccc1';
const C2 = 'ccccccccccccccccccccccc2';

const question = (changes: Partial<DashboardQuery> = {}): DashboardQuery => ({
  orgId: ORG,
  period: { kind: 'months', first: '2025-01-01', last: '2025-06-01' },
  filters: { organizations: [], projects: [], clusters: [], services: [] },
  includePartialMatches: false,
  view: {},
  ...changes,
});
const filters = (changes: Partial<DashboardQuery['filters']>) => ({
  ...question().filters,
  ...changes,
});

describe('drill-down plan', () => {
  it('goes organizations → projects → clusters → services, then projects unless down to one', () => {
    const query = question();
    expect(nextDimension('organizations', query)).toBe('projects');
    expect(nextDimension('projects', query)).toBe('clusters');
    expect(nextDimension('clusters', query)).toBe('services');
    expect(nextDimension('services', query)).toBe('projects');
    expect(
      nextDimension('services', question({ filters: filters({ clusters: [C1] }) })),
    ).toBeNull();
  });

  it('narrows the parent question to the group and groups by the next dimension, values left to the BFF', () => {
    const parent = question({
      filters: filters({ projects: [P1, P2] }),
      groupBy: 'projects',
      includePartialMatches: true,
      view: { chartTopN: 5 },
    });
    expect(drillQuery(parent, { dimension: 'projects', id: P1 }, 'clusters')).toEqual(
      question({ filters: filters({ projects: [P1] }), groupBy: 'clusters' }),
    );
  });

  it('keeps the rest of the parent filter, so a step stays inside what the parent showed', () => {
    const parent = question({ filters: filters({ clusters: [C1], services: ['Backup'] }) });
    const step = drillQuery(parent, { dimension: 'projects', id: P1 }, 'clusters');
    expect(step.filters).toEqual(filters({ projects: [P1], clusters: [C1], services: ['Backup'] }));
  });

  it('narrows to one linked organization and one cluster the same way', () => {
    const org = drillQuery(question(), { dimension: 'organizations', id: LINKED }, 'projects');
    expect(org).toMatchObject({ filters: { organizations: [LINKED] }, groupBy: 'projects' });
    const cluster = drillQuery(question(), { dimension: 'clusters', id: C2 }, 'services');
    expect(cluster).toMatchObject({ filters: { clusters: [C2] }, groupBy: 'services' });
  });
});

import { ATLAS_SERVICES, type CostQueryRequest } from '@ace/bff/contract';
import { describe, expect, it } from 'vitest';
import { drillNeed, drillRequest, nextDimension, type DrillTarget } from './drill-plan';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
const P2 = 'bbbbbbbbbbbbbbbbbbbbbbb2';
const C1 = 'ccccccccccccccccccccccc1';
const C2 = 'ccccccccccccccccccccccc2';
const months = { startDate: '2025-01-01', endDate: '2025-07-01' };

const target = (partial: Partial<DrillTarget> & Pick<DrillTarget, 'dimension' | 'id'>) => ({
  label: partial.id,
  organizationId: ORG,
  totalCents: 100,
  ...partial,
});

describe('drill-down plan', () => {
  it('goes organizations → projects → clusters → services, then projects unless down to one', () => {
    const query: CostQueryRequest = { ...months };
    expect(nextDimension('organizations', query)).toBe('projects');
    expect(nextDimension('projects', query)).toBe('clusters');
    expect(nextDimension('clusters', query)).toBe('services');
    expect(nextDimension('services', query)).toBe('projects');
    expect(nextDimension('services', { ...query, clusters: [C1] })).toBeNull();
  });

  it('lists the projects of the chosen organization, the clusters of the chosen project', () => {
    const linked = 'dddddddddddddddddddddddd';
    expect(drillNeed(target({ dimension: 'organizations', id: linked }), 'projects', ORG)).toEqual({
      kind: 'projects',
      orgId: linked,
    });
    expect(drillNeed(target({ dimension: 'projects', id: P1 }), 'clusters', ORG)).toEqual({
      kind: 'clusters',
      orgId: ORG,
      projectId: P1,
    });
  });

  it('narrows the parent query to the group and groups by the next dimension', () => {
    const parent: CostQueryRequest = {
      ...months,
      projects: [P1, P2],
      groupBy: 'projects',
      includePartialMatches: true,
    };
    expect(
      drillRequest(parent, target({ dimension: 'projects', id: P1 }), 'clusters', [C1, C2]),
    ).toEqual({
      request: {
        ...months,
        projects: [P1],
        clusters: [C1, C2],
        groupBy: 'clusters',
        includePartialMatches: false,
      },
      dimension: 'clusters',
    });
  });

  it('keeps only listed values the parent query allowed', () => {
    const parent: CostQueryRequest = { ...months, clusters: [C1], groupBy: 'clusters' };
    const { request } = drillRequest(
      parent,
      target({ dimension: 'projects', id: P1 }),
      'clusters',
      [C1, C2],
    );
    expect(request.clusters).toEqual([C1]);
  });

  it('breaks a cluster down by every service, or the services the parent chose', () => {
    const parent: CostQueryRequest = { ...months, clusters: [C1, C2], groupBy: 'clusters' };
    const cluster = target({ dimension: 'clusters', id: C2 });
    expect(drillRequest(parent, cluster, 'services', []).request).toEqual({
      ...months,
      clusters: [C2],
      services: [...ATLAS_SERVICES],
      groupBy: 'services',
      includePartialMatches: false,
    });
    const some = { ...parent, services: ['Backup' as const] };
    expect(drillRequest(some, cluster, 'services', []).request.services).toEqual(['Backup']);
  });

  it('groups by service when the next list is empty or longer than Atlas accepts', () => {
    const parent: CostQueryRequest = { ...months, projects: [P1], groupBy: 'projects' };
    const project = target({ dimension: 'projects', id: P1 });
    expect(drillRequest(parent, project, 'clusters', []).dimension).toBe('services');
    const many = Array.from({ length: 501 }, (_, i) => i.toString(16).padStart(24, 'c'));
    expect(drillRequest(parent, project, 'clusters', many).request.groupBy).toBe('services');
  });
});

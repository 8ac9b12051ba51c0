import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from '../testing/atlas';

interface Page<T = Record<string, unknown>> {
  links: Array<{ href: string; rel: string }>;
  results: T[];
  totalCount?: number;
}

describe('picker lists and Atlas pagination', () => {
  let h: Session;
  beforeAll(async () => {
    h = await startSession();
  });
  afterAll(() => h.sim.close());

  const list = async (path: string) => {
    const res = await h.atlas(h.auth, path);
    expect(res.status).toBe(200);
    return res.json<Page>();
  };
  const rels = (page: Page) => page.links.map((l) => l.rel);
  const projectWithDeletedCluster = () => {
    const cluster = h.sim.dataset.clusters.find((c) => c.deleted);
    if (!cluster) throw new Error('dataset has no deleted cluster');
    return cluster.projectId;
  };

  it('lists the paying organization and its two linked organizations', async () => {
    const page = await list('/api/atlas/v2/orgs');
    expect(page.totalCount).toBe(3);
    expect(page.results.map((o) => o.id)).toEqual(h.sim.dataset.orgs.map((o) => o.id));
    expect(rels(page)).toEqual(['self']);
    expect(page.links[0]?.href).toBe(`${h.url}/api/atlas/v2/orgs?pageNum=1&itemsPerPage=100`);
  });

  it('filters organizations by a case-insensitive name prefix', async () => {
    const page = await list('/api/atlas/v2/orgs?name=acme-r');
    expect(page.results.map((o) => o.name)).toEqual(['Acme-Retail']);
  });

  it('pages projects with previous, self and next links that keep the other parameters', async () => {
    const all = await list(`/api/atlas/v2/orgs/${h.orgId}/groups?itemsPerPage=500`);
    const total = all.results.length;
    expect(total).toBeGreaterThan(5);
    const first = await list(`/api/atlas/v2/orgs/${h.orgId}/groups?itemsPerPage=5`);
    expect(rels(first)).toEqual(['self', 'next']);
    expect(first.totalCount).toBe(total);
    const second = await list(`/api/atlas/v2/orgs/${h.orgId}/groups?itemsPerPage=5&pageNum=2`);
    expect(rels(second)).toEqual(['previous', 'self', 'next']);
    expect(second.results[0]).toEqual(all.results[5]);
    const next = second.links.find((l) => l.rel === 'next')?.href ?? '';
    expect(next).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v2\/orgs\/[0-9a-f]{24}\/groups\?/,
    );
    expect(new URL(next).searchParams.get('pageNum')).toBe('3');
    const lastNum = Math.ceil(total / 5);
    const last = await list(
      `/api/atlas/v2/orgs/${h.orgId}/groups?itemsPerPage=5&pageNum=${lastNum}`,
    );
    expect(rels(last)).toEqual(['previous', 'self']);
  });

  it('answers an empty page with only previous and self beyond the last page', async () => {
    const page = await list(`/api/atlas/v2/orgs/${h.orgId}/groups?pageNum=99`);
    expect(page.results).toEqual([]);
    expect(rels(page)).toEqual(['previous', 'self']);
  });

  it('omits totalCount when includeCount=false', async () => {
    const page = await list('/api/atlas/v2/orgs?includeCount=false');
    expect(page).not.toHaveProperty('totalCount');
  });

  it.each(['itemsPerPage=0', 'itemsPerPage=501', 'pageNum=0', 'pageNum=x'])(
    'answers 400 for %s',
    async (param) => {
      const res = await h.atlas(h.auth, `/api/atlas/v2/orgs?${param}`);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ error: 400, errorCode: 'VALIDATION_ERROR' });
    },
  );

  it('describes projects with their organization and live cluster count', async () => {
    const page = await list(`/api/atlas/v2/orgs/${h.orgId}/groups?name=PAY`);
    for (const project of page.results) {
      expect(String(project.name)).toMatch(/^payments-/);
      expect(project.orgId).toBe(h.orgId);
      const live = h.sim.dataset.clusters.filter((c) => c.projectId === project.id && !c.deleted);
      expect(project.clusterCount).toBe(live.length);
    }
  });

  it('lists live clusters in the legacy 2023-01-01 shape', async () => {
    const projectId = projectWithDeletedCluster();
    const page = await list(`/api/atlas/v2/groups/${projectId}/clusters`);
    const expected = h.sim.dataset.clusters.filter((c) => c.projectId === projectId && !c.deleted);
    expect(page.results.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    const first = page.results[0] as Record<string, unknown>;
    expect(first).toMatchObject({
      id: expected[0]?.id,
      name: expected[0]?.name,
      groupId: projectId,
    });
    expect(first.stateName).toMatch(/^(IDLE|UPDATING)$/);
    expect(typeof first.paused).toBe('boolean');
    expect(first.clusterType).toMatch(/^(REPLICASET|SHARDED)$/);
    expect(first.createDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first.mongoDBVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(first.providerSettings).toMatchObject({
      instanceSizeName: expected[0]?.instanceSizeName,
    });
  });

  it('includes deleted clusters only with includeDeletedWithRetainedBackups=true', async () => {
    const projectId = projectWithDeletedCluster();
    const deleted = h.sim.dataset.clusters.filter((c) => c.projectId === projectId && c.deleted);
    const live = await list(`/api/atlas/v2/groups/${projectId}/clusters`);
    const withDeleted = await list(
      `/api/atlas/v2/groups/${projectId}/clusters?includeDeletedWithRetainedBackups=true`,
    );
    expect(withDeleted.results.length).toBe(live.results.length + deleted.length);
    const ids = withDeleted.results.map((c) => c.id);
    for (const cluster of deleted) expect(ids).toContain(cluster.id);
  });

  it('answers 404 for an unknown organization or project and 400 for malformed ids', async () => {
    const unknown = '0123456789abcdef01234567';
    expect((await h.atlas(h.auth, `/api/atlas/v2/orgs/${unknown}/groups`)).status).toBe(404);
    const missingProject = await h.atlas(h.auth, `/api/atlas/v2/groups/${unknown}/clusters`);
    expect(missingProject.status).toBe(404);
    expect(missingProject.json()).toMatchObject({ errorCode: 'GROUP_NOT_FOUND' });
    expect((await h.atlas(h.auth, '/api/atlas/v2/groups/nope/clusters')).status).toBe(400);
  });

  it('adds status 200 to list bodies under envelope=true', async () => {
    const res = await h.atlas(h.auth, '/api/atlas/v2/orgs?envelope=true');
    expect(res.status).toBe(200);
    const json = res.json<Page & { status: number }>();
    expect([json.status, json.totalCount, json.results.length]).toEqual([200, 3, 3]);
  });

  it('answers 405 for a method the path does not support', async () => {
    const res = await h.atlas(h.auth, '/api/atlas/v2/orgs', { method: 'DELETE' });
    expect(res.status).toBe(405);
  });
});

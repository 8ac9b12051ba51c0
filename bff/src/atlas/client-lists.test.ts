import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator';
import { AtlasInputError } from './errors';
import {
  callsTo,
  clientFor,
  firstOrgId,
  lastMonthFilter,
  simulatorPerTest,
  startSimulator,
} from './testing/atlas-sim';

describe('picker lists', () => {
  const started = simulatorPerTest();

  it('lists organizations with their ids, names and isDeleted flag', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    const orgs = await client.listOrgs();
    expect(orgs).toHaveLength(sim.dataset.orgs.length);
    expect(orgs[0]).toMatchObject({ id: sim.dataset.orgs[0]?.id, isDeleted: false });
    expect(callsTo(sim, 'listOrgs')[0]?.query).toMatchObject({ itemsPerPage: '500', pageNum: '1' });
  });

  it('follows a next link to the following page by counting pageNum itself', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    const org = (i: number) => ({ id: i.toString(16).padStart(24, '0'), name: `org-${i}` });
    const link = (rel: string, page: number) => ({
      rel,
      href: `http://elsewhere.invalid/?pageNum=${page}`,
    });
    const pages = [
      {
        results: Array.from({ length: 500 }, (_, i) => org(i)),
        links: [link('self', 1), link('next', 2)],
      },
      { results: [org(500), org(501)], links: [link('previous', 1), link('self', 2)] },
    ];
    for (const body of pages) {
      sim.faults.add({
        route: 'listOrgs',
        action: { kind: 'status', status: 200, body: { ...body, totalCount: 502 } },
      });
    }
    const orgs = await client.listOrgs();
    expect(orgs).toHaveLength(502);
    const calls = callsTo(sim, 'listOrgs');
    expect(calls.map((r) => r.query.pageNum)).toEqual(['1', '2']);
    // The href pointed elsewhere; only our own base URL and path were ever called.
    expect(calls.every((r) => r.path === '/api/atlas/v2/orgs')).toBe(true);
  });

  it('lists clusters of a project, deleted ones only when asked', async () => {
    const sim = await started();
    const { client } = clientFor(sim);
    const project = sim.dataset.projects.find((p) =>
      sim.dataset.clusters.some((c) => c.projectId === p.id && c.deleted),
    );
    if (!project) throw new Error('the dataset should have a project with a deleted cluster');
    const all = sim.dataset.clusters.filter((c) => c.projectId === project.id);
    const live = await client.listClusters(project.id);
    expect(live.map((c) => c.id).sort()).toEqual(
      all
        .filter((c) => !c.deleted)
        .map((c) => c.id)
        .sort(),
    );
    expect(live[0]).toMatchObject({ groupId: project.id, stateName: expect.any(String) });
    const withDeleted = await client.listClusters(project.id, { includeDeleted: true });
    expect(withDeleted).toHaveLength(all.length);
    expect(callsTo(sim, 'listClusters')[1]?.query.includeDeletedWithRetainedBackups).toBe('true');
  });
});

describe('a project list longer than one page', () => {
  let big: Simulator;
  beforeAll(async () => {
    big = await startSimulator({ scale: 40 });
  }, 30_000);
  afterAll(() => big.close());

  it('reads every page of 500', async () => {
    const { client } = clientFor(big);
    const orgId = firstOrgId(big);
    const expected = big.dataset.projects.filter((p) => p.orgId === orgId);
    expect(expected.length).toBeGreaterThan(500);
    const projects = await client.listProjects(orgId);
    expect(projects.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(projects.every((p) => p.orgId === orgId)).toBe(true);
    const pages = callsTo(big, 'listProjects').map((r) => r.query);
    expect(pages).toEqual([
      expect.objectContaining({ pageNum: '1', itemsPerPage: '500' }),
      expect.objectContaining({ pageNum: '2', itemsPerPage: '500' }),
    ]);
  });
});

describe('ids and tokens are checked before any URL is built', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());
  // One simulator for the describe; each test reads only the requests it made itself.
  beforeEach(() => sim.clearRequests());

  const notObjectId = fc.string({ maxLength: 40 }).filter((s) => !/^[a-f0-9]{24}$/.test(s));
  const notToken = fc.string({ maxLength: 80 }).filter((s) => !/^[0-9A-Fa-f]{64}$/.test(s));

  it('rejects malformed org, project and token values without calling Atlas', async () => {
    const { client } = clientFor(sim);
    const orgId = firstOrgId(sim);
    const filter = lastMonthFilter(sim);
    await fc.assert(
      fc.asyncProperty(notObjectId, notToken, async (badId, badToken) => {
        await expect(client.listProjects(badId)).rejects.toBeInstanceOf(AtlasInputError);
        await expect(client.listClusters(badId)).rejects.toBeInstanceOf(AtlasInputError);
        await expect(client.createUsageQuery(badId, filter)).rejects.toBeInstanceOf(
          AtlasInputError,
        );
        await expect(client.getUsageQuery(orgId, badToken)).rejects.toBeInstanceOf(AtlasInputError);
      }),
      { numRuns: 200 },
    );
    for (const bad of ['../orgs', 'AAAAAAAAAAAAAAAAAAAAAAAA', '%2e%2e', `${'a'.repeat(24)}\r\n`]) {
      await expect(client.listProjects(bad)).rejects.toBeInstanceOf(AtlasInputError);
    }
    expect(sim.requests).toHaveLength(0);
  });

  it('accepts an upper-case token and passes it on unchanged', async () => {
    const { client } = clientFor(sim);
    const orgId = firstOrgId(sim);
    const token = 'ABCDEF0123456789'.repeat(4);
    await expect(client.getUsageQuery(orgId, token)).rejects.toMatchObject({ status: 404 });
    expect(callsTo(sim, 'getUsage').at(-1)?.path).toBe(
      `/api/atlas/v2/orgs/${orgId}/billing/costExplorer/usage/${token}`,
    );
  });

  it('sends only the documented filter keys and leaves out empty lists', async () => {
    const { client } = clientFor(sim);
    const orgId = firstOrgId(sim);
    const filter = { ...lastMonthFilter(sim), projects: [], services: ['Clusters'], extra: 1 };
    await client.createUsageQuery(orgId, filter);
    const body = JSON.parse(callsTo(sim, 'createUsage').at(-1)?.body ?? '{}') as object;
    expect(body).toEqual({ ...lastMonthFilter(sim), services: ['Clusters'] });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, usagePath, type Harness } from '../testing/atlas';
import { request } from '../testing/http';

describe('the request log', () => {
  let h: Harness;
  afterEach(() => h.sim.close());

  it('records every /api request in order with what the client sent and the final status', async () => {
    h = await startSimulator();
    const auth = await h.token();
    const orgId = h.sim.dataset.payingOrgId;
    await h.atlas(auth, `${usagePath(orgId)}?envelope=false`, {
      body: { startDate: '2026-01-01', endDate: '2026-02-01' },
      headers: { 'User-Agent': 'ace-test/1.0' },
    });
    const [token, create] = h.sim.requests;
    expect(token).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/api/oauth/token',
      route: 'oauthToken',
      body: 'grant_type=client_credentials',
      status: 200,
    });
    expect(create).toMatchObject({
      seq: 2,
      time: Date.parse('2026-03-15T12:00:00.000Z'),
      method: 'POST',
      path: usagePath(orgId),
      query: { envelope: 'false' },
      route: 'createUsage',
      orgId,
      status: 202,
      body: '{"startDate":"2026-01-01","endDate":"2026-02-01"}',
    });
    expect(create?.headers['user-agent']).toBe('ace-test/1.0');
    expect(create?.headers.authorization).toBe(auth);
  });

  it('records requests that fail authentication', async () => {
    h = await startSimulator();
    await request(`${h.url}/api/atlas/v2/orgs`);
    expect(h.sim.requests).toHaveLength(1);
    expect(h.sim.requests[0]).toMatchObject({ route: 'listOrgs', status: 401 });
  });

  it('attributes cluster lists to the organization of the project', async () => {
    h = await startSimulator();
    const auth = await h.token();
    const project = h.sim.dataset.projects.at(-1);
    await h.atlas(auth, `/api/atlas/v2/groups/${project?.id}/clusters`);
    expect(h.sim.requests.at(-1)).toMatchObject({
      route: 'listClusters',
      orgId: project?.orgId,
      status: 200,
    });
  });

  it('leaves control-plane calls out and can be cleared', async () => {
    h = await startSimulator();
    await request(`${h.url}/api/atlas/v2/orgs`);
    const viaHttp = await request(`${h.url}/__sim/requests`);
    expect(viaHttp.json()).toEqual(JSON.parse(JSON.stringify(h.sim.requests)));
    expect(h.sim.requests).toHaveLength(1);
    h.sim.clearRequests();
    expect(h.sim.requests).toEqual([]);
    await request(`${h.url}/api/atlas/v2/orgs`);
    expect(h.sim.requests[0]?.seq).toBe(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startSession, startSimulator, usagePath, type Harness } from '../testing/atlas';
import { request } from '../testing/http';

describe('the /__sim control plane', () => {
  let h: Harness;
  afterEach(() => h.sim.close());

  const control = (method: string, path: string, body?: unknown) =>
    request(`${h.url}/__sim/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('adds and clears fault rules over HTTP, including times "always"', async () => {
    h = await startSimulator();
    const auth = await h.token();
    const added = await control('POST', 'faults', {
      route: 'listOrgs',
      action: { kind: 'status', status: 500 },
      times: 'always',
    });
    expect(added.status).toBe(201);
    expect((await h.atlas(auth, '/api/atlas/v2/orgs')).status).toBe(500);
    expect((await h.atlas(auth, '/api/atlas/v2/orgs')).status).toBe(500);
    expect((await control('DELETE', 'faults')).status).toBe(204);
    expect((await h.atlas(auth, '/api/atlas/v2/orgs')).status).toBe(200);
  });

  it('refuses an invalid fault rule with 400', async () => {
    h = await startSimulator();
    const res = await control('POST', 'faults', { route: 'everything', action: { kind: 'hang' } });
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toMatch(/route/);
  });

  it('changes the processing mode and time', async () => {
    const session = await startSession({ processingMs: 5_000 });
    h = session;
    const res = await control('PUT', 'settings', { processingMode: 'envelope', processingMs: 10 });
    expect(res.json()).toEqual({
      profile: 'default',
      processingMode: 'envelope',
      processingMs: 10,
      retentionMonths: 18,
    });
    expect((await control('GET', 'settings')).json()).toEqual({
      profile: 'default',
      processingMode: 'envelope',
      processingMs: 10,
      retentionMonths: 18,
    });
    const { auth, orgId } = session;
    const token = await session.createQuery({ startDate: '2026-01-01', endDate: '2026-02-01' });
    expect((await h.atlas(auth, usagePath(orgId, token))).json()).toEqual({
      status: 102,
      content: null,
    });
    h.clock.advance(10);
    expect((await h.atlas(auth, usagePath(orgId, token))).status).toBe(200);
  });

  it('switches the profile, which brings its processing form unless one is named too', async () => {
    h = await startSimulator();
    const res = await control('PUT', 'settings', { profile: 'status-body' });
    expect(res.json()).toMatchObject({ profile: 'status-body', processingMode: 'status-body' });
    expect(h.sim.profile).toBe('status-body');
    const both = await control('PUT', 'settings', {
      profile: 'all-unknowns',
      processingMode: 'envelope',
    });
    expect(both.json()).toMatchObject({ profile: 'all-unknowns', processingMode: 'envelope' });
  });

  it('refuses unknown settings values', async () => {
    h = await startSimulator();
    const profile = await control('PUT', 'settings', { profile: 'nope' });
    expect(profile.status).toBe(400);
    expect(profile.json<{ error: string }>().error).toMatch(/^profile must be one of default, /);
    expect((await control('PUT', 'settings', { processingMode: 'slow' })).status).toBe(400);
    expect((await control('PUT', 'settings', { processingMs: -1 })).status).toBe(400);
  });

  it('serves the dataset and the request log, and clears the log', async () => {
    h = await startSimulator();
    const dataset = (await control('GET', 'dataset')).json();
    expect(dataset).toEqual(JSON.parse(JSON.stringify(h.sim.dataset)));
    await request(`${h.url}/api/atlas/v2/orgs`);
    expect((await control('GET', 'requests')).json<unknown[]>()).toHaveLength(1);
    expect((await control('DELETE', 'requests')).status).toBe(204);
    expect((await control('GET', 'requests')).json()).toEqual([]);
  });
});

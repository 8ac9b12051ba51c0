import { afterEach, describe, expect, it } from 'vitest';
import { startSession, usagePath, type Session } from '../testing/atlas';
import type { FaultAction, FaultRoute } from '../types';
import { openRequest, pause, request } from '../testing/http';

const ORGS = '/api/atlas/v2/orgs';

describe('fault injection', () => {
  let h: Session;
  afterEach(() => h.sim.close());

  async function start() {
    h = await startSession();
  }
  /** A signed-in simulator with one rule that fires once (for listOrgs unless named). */
  async function startWithFault(action: FaultAction, route: FaultRoute = 'listOrgs') {
    await start();
    h.sim.faults.add({ route, action });
  }
  const orgs = () => h.atlas(h.auth, ORGS);

  it('answers a status fault once with a default ApiError, then normally', async () => {
    await startWithFault({ kind: 'status', status: 503 });
    const faulted = await orgs();
    expect(faulted.status).toBe(503);
    expect(faulted.headers['content-type']).toBe('application/json');
    expect(faulted.json()).toMatchObject({ error: 503, errorCode: 'SERVICE_UNAVAILABLE' });
    expect((await orgs()).status).toBe(200);
  });

  it('gives a 429 fault Retry-After and RateLimit headers by default', async () => {
    await startWithFault({ kind: 'status', status: 429 }, 'any');
    const res = await orgs();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['ratelimit-limit']).toBe('500');
    expect(res.headers['ratelimit-remaining']).toBe('0');
    expect(res.json()).toMatchObject({ errorCode: 'RATE_LIMITED' });
  });

  it('uses a custom body and headers when the rule names them', async () => {
    await startWithFault({
      kind: 'status',
      status: 500,
      headers: { 'X-Debug': 'yes' },
      body: { oops: true },
    });
    const res = await orgs();
    expect(res.headers['x-debug']).toBe('yes');
    expect(res.json()).toEqual({ oops: true });
  });

  it('answers the token endpoint in OAuth error format', async () => {
    await startWithFault({ kind: 'status', status: 503 }, 'oauthToken');
    await expect(h.token()).rejects.toThrow(/503.*server_error/);
    await expect(h.token()).resolves.toMatch(/^Bearer /);
  });

  it('fires before authentication, so a request without credentials still gets the fault', async () => {
    await startWithFault({ kind: 'status', status: 502 });
    expect((await request(`${h.url}${ORGS}`)).status).toBe(502);
  });

  it('delays and then answers normally', async () => {
    await startWithFault({ kind: 'delay', ms: 10 });
    expect((await orgs()).status).toBe(200);
  });

  it('hangs without answering until the client gives up', async () => {
    await startWithFault({ kind: 'hang' });
    const open = openRequest(`${h.url}${ORGS}`, { headers: { authorization: h.auth } });
    await pause(20);
    expect(open.events).toEqual([]);
    open.abort();
    expect(await open.settled).toEqual(['error ECONNRESET']);
  });

  it('resets the connection without a response', async () => {
    await startWithFault({ kind: 'reset' });
    await expect(orgs()).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('drops the connection in the middle of a 200 body', async () => {
    await startWithFault({ kind: 'reset-mid-body' });
    const events = await openRequest(`${h.url}${ORGS}`, { headers: { authorization: h.auth } })
      .settled;
    expect(events).toEqual(['response 200', 'error']);
  });

  it('sends a 200 whose JSON body does not parse', async () => {
    await startWithFault({ kind: 'malformed-json' });
    const res = await orgs();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('json');
    expect(() => res.json()).toThrow(SyntaxError);
  });

  it('redirects with 302 by default or the status given', async () => {
    await start();
    h.sim.faults.add({
      route: 'listOrgs',
      action: { kind: 'redirect', location: 'https://example.test/x' },
    });
    h.sim.faults.add({
      route: 'listOrgs',
      action: { kind: 'redirect', location: '/elsewhere', status: 307 },
    });
    const first = await orgs();
    expect([first.status, first.headers.location]).toEqual([302, 'https://example.test/x']);
    const second = await orgs();
    expect([second.status, second.headers.location]).toEqual([307, '/elsewhere']);
  });

  it('applies rules in the order added and honours times and always', async () => {
    await start();
    h.sim.faults.add({ route: 'listOrgs', action: { kind: 'status', status: 500 }, times: 2 });
    h.sim.faults.add({
      route: 'listOrgs',
      action: { kind: 'status', status: 503 },
      times: 'always',
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await orgs()).status);
    expect(statuses).toEqual([500, 500, 503, 503]);
    h.sim.faults.clear();
    expect((await orgs()).status).toBe(200);
  });

  it('limits a rule to one organization when it names one', async () => {
    await start();
    const [paying, linked] = [h.sim.dataset.payingOrgId, h.sim.dataset.linkedOrgIds[0] ?? ''];
    h.sim.faults.add({ route: 'getUsage', orgId: linked, action: { kind: 'status', status: 500 } });
    const token = 'a'.repeat(64);
    expect((await h.atlas(h.auth, usagePath(paying, token))).status).toBe(404);
    expect((await h.atlas(h.auth, usagePath(linked, token))).status).toBe(500);
  });

  it('matches listClusters rules by the organization of the project', async () => {
    await start();
    const project = h.sim.dataset.projects.find((p) => p.orgId === h.sim.dataset.payingOrgId);
    h.sim.faults.add({
      route: 'listClusters',
      orgId: h.sim.dataset.payingOrgId,
      action: { kind: 'status', status: 500 },
    });
    expect((await h.atlas(h.auth, `/api/atlas/v2/groups/${project?.id}/clusters`)).status).toBe(
      500,
    );
  });

  it('refuses a malformed rule', async () => {
    await start();
    expect(() =>
      h.sim.faults.add({ route: 'listOrgs', action: { kind: 'status', status: 42 } }),
    ).toThrow(/Invalid fault rule/);
  });
});

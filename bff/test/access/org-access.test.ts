import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedMonths } from '../support/queries';
import {
  DIGEST_KEY_CANARY,
  SA_SECRET_CANARY,
  startAccessStack,
  type AccessStack,
} from '../support/access-stack';
import { presetBody } from '../support/presets';
import { waitForQuery } from '../support/stack';

/**
 * Who may see which org, end to end through a BFF in trusted-proxy mode: alice may see only
 * org A; the finance group sees everything. Every "no" must cost Atlas nothing.
 */
const ALICE = 'Alice@Example.com';
const FINANCE = 'fran@example.com';

let stack: AccessStack;
let A: string;
let B: string;
let C: string;

beforeAll(async () => {
  stack = await startAccessStack({
    access: (orgs) => ({ users: { 'alice@example.com': [orgs.a] }, groups: { finance: '*' } }),
  });
  ({ a: A, b: B, c: C } = stack.orgs);
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

const asAlice = (path: string, init?: Parameters<AccessStack['as']>[2]) =>
  stack.as(ALICE, path, init);
const asFinance = (path: string, init?: Parameters<AccessStack['as']>[2]) =>
  stack.as(FINANCE, path, { groups: 'staff, finance', ...init });

const create = (as: typeof asAlice, orgId: string, body: unknown) =>
  as(`/api/orgs/${orgId}/cost-queries`, { method: 'POST', body });

const callsAbout = (orgId: string) =>
  stack.simulator.requests.filter((r) => r.orgId === orgId || r.path.includes(orgId));

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('the organization list', () => {
  it('shows a user only the organizations they may see', async () => {
    const res = await asAlice('/api/orgs');
    expect(res.status).toBe(200);
    const { items } = await json<{ items: Array<{ id: string }> }>(res);
    expect(items.map((o) => o.id)).toEqual([A]);
  });

  it('shows the finance group every organization reachable through both connections', async () => {
    const { items } = await json<{ items: Array<{ id: string }> }>(await asFinance('/api/orgs'));
    expect(items.map((o) => o.id).sort()).toEqual([A, B, C].sort());
  });

  it('shows a signed-in user without any grant no organization at all (deny by default)', async () => {
    const { items } = await json<{ items: unknown[] }>(
      await stack.as('nobody@example.com', '/api/orgs'),
    );
    expect(items).toEqual([]);
  });
});

describe('a user allowed only org A', () => {
  it('gets 403 for org B in the path, and Atlas hears nothing about B', async () => {
    for (const path of [`/api/orgs/${B}/projects`, `/api/orgs/${B}/clusters`]) {
      const res = await asAlice(path);
      expect(res.status, path).toBe(403);
      expect((await json(res)).detail).toContain(B);
    }
    expect((await create(asAlice, B, closedMonths(2))).status).toBe(403);
    expect(callsAbout(B)).toEqual([]);
  });

  it('gets 403 for org B named in the body’s organizations, with no Atlas call', async () => {
    const res = await create(asAlice, A, closedMonths(2, { organizations: [A, B] }));
    expect(res.status).toBe(403);
    expect(stack.simulator.requests.filter((r) => r.route === 'createUsage')).toEqual([]);
  });

  it('gets 404 for B’s query ids, whichever org the path names', async () => {
    const created = await json<{ id: string }>(await create(asFinance, B, closedMonths(2)));
    await waitForQuery({ api: (p) => asFinance(p) }, B, created.id);
    expect((await asAlice(`/api/orgs/${A}/cost-queries/${created.id}`)).status).toBe(404);
    expect((await asAlice(`/api/orgs/${B}/cost-queries/${created.id}`)).status).toBe(403);
    expect(
      (await asAlice(`/api/orgs/${A}/cost-queries/${created.id}`, { method: 'DELETE' })).status,
    ).toBe(404);
  });

  it('gets 404 for a query in A that also covers B (the paying org with a linked org)', async () => {
    const res = await create(asFinance, A, closedMonths(3, { organizations: [A, B] }));
    expect(res.status).toBe(202);
    const { id } = await json<{ id: string }>(res);
    await waitForQuery({ api: (p) => asFinance(p) }, A, id);
    expect((await asAlice(`/api/orgs/${A}/cost-queries/${id}`)).status).toBe(404);
  });

  it('gets 403 for B even when its result is in the cache', async () => {
    const body = closedMonths(4);
    const first = await json<{ id: string }>(await create(asFinance, B, body));
    await waitForQuery({ api: (p) => asFinance(p) }, B, first.id);
    stack.simulator.clearRequests();
    expect((await create(asAlice, B, body)).status).toBe(403);
    expect(callsAbout(B)).toEqual([]);
  });

  it('runs queries in A as usual, through the connection that serves A', async () => {
    const res = await create(asAlice, A, closedMonths(2));
    expect(res.status).toBe(202);
    const { id } = await json<{ id: string }>(res);
    const done = await waitForQuery({ api: (p) => asAlice(p) }, A, id);
    expect(done.status).toBe('done');
    const calls = stack.simulator.requests.filter((r) => r.orgId === A);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.headers.authorization).toMatch(/^Bearer /);
  });
});

describe('several Atlas connections', () => {
  it('calls Atlas for org C with C’s own API key (Digest), never the service account', async () => {
    const res = await asFinance(`/api/orgs/${C}/projects`);
    expect(res.status).toBe(200);
    // Not the unsigned request a Digest challenge answers (the connection's first call).
    const calls = callsAbout(C).filter((call) => call.headers.authorization !== undefined);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.headers.authorization).toMatch(/^Digest /);
  });
});

describe('shared presets', () => {
  const preset = (orgId: string, name: string) => presetBody(orgId, {}, { name });

  it('opens a link about B as 404 (like an unknown id) for a user who may not see B', async () => {
    const saved = await json<{ id: string }>(
      await asFinance('/api/presets', { method: 'POST', body: preset(B, 'B only') }),
    );
    expect((await asAlice(`/api/presets/${saved.id}`)).status).toBe(404);
    expect((await asAlice('/api/presets/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect(
      (
        await asAlice(`/api/presets/${saved.id}`, {
          method: 'PUT',
          body: preset(A, 'mine now'),
          headers: { 'If-Match': '"1"' },
        })
      ).status,
    ).toBe(404);
  });

  it('lets others open a preset about A but only its owner change or delete it', async () => {
    const saved = await json<{ id: string; ownedByYou: boolean }>(
      await asFinance('/api/presets', { method: 'POST', body: preset(A, 'A for everyone') }),
    );
    expect(saved.ownedByYou).toBe(true);
    const opened = await asAlice(`/api/presets/${saved.id}`);
    expect(opened.status).toBe(200);
    // Whose it is stays private by default: no e-mail in someone else's view of it.
    const text = await opened.text();
    expect(JSON.parse(text)).toMatchObject({ ownedByYou: false });
    expect(text).not.toContain(FINANCE);
    expect(text).not.toContain('sharedBy');
    const put = await asAlice(`/api/presets/${saved.id}`, {
      method: 'PUT',
      body: preset(A, 'renamed by alice'),
      headers: { 'If-Match': '"1"' },
    });
    expect(put.status).toBe(403);
    const del = await asAlice(`/api/presets/${saved.id}`, {
      method: 'DELETE',
      headers: { 'If-Match': '"1"' },
    });
    expect(del.status).toBe(403);
    const mine = await json<{ items: Array<{ id: string }> }>(await asAlice('/api/presets'));
    expect(mine.items.map((p) => p.id)).not.toContain(saved.id);
    const owner = await asFinance(`/api/presets/${saved.id}`, {
      method: 'DELETE',
      headers: { 'If-Match': '"1"' },
    });
    expect(owner.status).toBe(204);
  });

  it('refuses to save a preset about an organization the user may not see', async () => {
    const res = await asAlice('/api/presets', { method: 'POST', body: preset(B, 'sneaky') });
    expect(res.status).toBe(403);
  });
});

describe('the audit log', () => {
  it('has a line for each refused request: who, what, why', async () => {
    expect((await asAlice(`/api/orgs/${B}/projects`)).status).toBe(403);
    const refused = stack.bff
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.audit === true && l.event === 'refused');
    expect(refused).toContainEqual(
      expect.objectContaining({
        status: 403,
        user: 'alice@example.com',
        method: 'GET',
        path: `/api/orgs/${B}/projects`,
      }),
    );
  });

  it('has one line per query request naming who, which org and the filters, and no secret', async () => {
    const res = await create(asAlice, A, closedMonths(1, { services: ['Clusters'] }));
    const { id } = await json<{ id: string }>(res);
    const lines = stack.bff
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.audit === true && l.jobId === id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      event: 'cost-query',
      user: 'alice@example.com',
      orgId: A,
      query: { organizations: [A], services: ['Clusters'] },
    });
    const logs = stack.bff.logs();
    expect(logs).not.toContain(SA_SECRET_CANARY);
    expect(logs).not.toContain(DIGEST_KEY_CANARY);
  });
});

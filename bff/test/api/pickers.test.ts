import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

type Items<T> = { items: T[] };

describe('picker lists', () => {
  it('lists organizations with names', async () => {
    const res = await stack.api('/api/orgs');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as Items<{ id: string; name: string }>;
    expect(items.length).toBeGreaterThan(0);
    for (const org of items) {
      expect(org.id).toMatch(/^[a-f0-9]{24}$/);
      expect(org.name.length).toBeGreaterThan(0);
    }
  });

  it('narrows clusters to the chosen projects', async () => {
    const { items: orgs } = (await (await stack.api('/api/orgs')).json()) as Items<{ id: string }>;
    const orgId = orgs[0]!.id;
    const { items: projects } = (await (
      await stack.api(`/api/orgs/${orgId}/projects`)
    ).json()) as Items<{ id: string }>;
    expect(projects.length).toBeGreaterThan(1);
    const { items: all } = (await (
      await stack.api(`/api/orgs/${orgId}/clusters`)
    ).json()) as Items<{ projectId: string }>;
    const chosen = projects.slice(0, 2).map((p) => p.id);
    const { items: narrowed } = (await (
      await stack.api(`/api/orgs/${orgId}/clusters?projects=${chosen.join(',')}`)
    ).json()) as Items<{ projectId: string }>;
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(all.length);
    expect(new Set(narrowed.map((c) => c.projectId))).toEqual(
      new Set(chosen.filter((id) => all.some((c) => c.projectId === id))),
    );
  });

  it('refuses a malformed project id in the narrowing list with 400', async () => {
    const { items: orgs } = (await (await stack.api('/api/orgs')).json()) as Items<{ id: string }>;
    const res = await stack.api(`/api/orgs/${orgs[0]!.id}/clusters?projects=nope`);
    expect(res.status).toBe(400);
  });

  it('answers 404 for an organization Atlas does not know', async () => {
    const res = await stack.api(`/api/orgs/${'0'.repeat(24)}/projects`);
    expect(res.status).toBe(404);
  });

  it('reuses picker lists instead of asking Atlas again', async () => {
    await stack.api('/api/orgs'); // cached now, whether or not an earlier test asked
    stack.simulator.clearRequests();
    await stack.api('/api/orgs');
    await stack.api('/api/orgs');
    expect(stack.simulator.requests.filter((r) => r.route === 'listOrgs')).toHaveLength(0);
  });

  it('adds deleted clusters Atlas still lists, flagged, only when asked', async () => {
    const orgId = stack.simulator.dataset.orgs[0]!.id;
    type Cluster = { id: string; name: string; deleted?: boolean };
    const live = ((await (await stack.api(`/api/orgs/${orgId}/clusters`)).json()) as Items<Cluster>)
      .items;
    const withDeleted = (
      (await (
        await stack.api(`/api/orgs/${orgId}/clusters?includeDeleted=true`)
      ).json()) as Items<Cluster>
    ).items;
    const deletedInDataset = new Set(
      stack.simulator.dataset.clusters.filter((c) => c.deleted).map((c) => c.id),
    );
    expect(live.some((c) => c.deleted || deletedInDataset.has(c.id))).toBe(false);
    const flagged = withDeleted.filter((c) => c.deleted);
    expect(flagged.length).toBeGreaterThan(0);
    for (const c of flagged) expect(deletedInDataset.has(c.id)).toBe(true);
    expect(withDeleted.length).toBe(live.length + flagged.length);
    expect((await stack.api(`/api/orgs/${orgId}/clusters?includeDeleted=yes`)).status).toBe(400);
  });
});

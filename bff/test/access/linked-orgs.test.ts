import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { presetResponseSchema, type CostQueryDone, type UsageRow } from '../../src/contract';
import { closedMonths } from '../support/queries';
import { startAccessStack, type AccessStack } from '../support/access-stack';
import { presetBody } from '../support/presets';
import { waitForRows } from '../support/stack';

/**
 * A paying organization P with linked organizations L1 and L2 (the simulator's Acme family:
 * Atlas answers P's path with the rows of all three unless `organizations` narrows it). A viewer
 * granted only P must get no byte of L1 or L2 — in the answer, the cached result, the job row, a
 * preset — and the same holds for a viewer granted only L1; a viewer granted "*" sees all three.
 * Every test looks at what the rows contain, not at status codes alone.
 */
const PEGGY = 'peggy@example.com'; // P only
const LILA = 'lila@example.com'; // L1 only
const FRAN = 'fran@example.com'; // the finance group: "*"

let stack: AccessStack;
let P: string;
let L1: string;
let L2: string;
const names = new Map<string, string>();

beforeAll(async () => {
  stack = await startAccessStack({
    access: (orgs) => ({
      users: { [PEGGY]: [orgs.a], [LILA]: [orgs.b] },
      groups: { finance: '*' },
    }),
  });
  ({ a: P, b: L1, c: L2 } = stack.orgs);
  for (const org of stack.simulator.dataset.orgs) names.set(org.id, org.name);
});
afterAll(() => stack.close());
beforeEach(() => stack.simulator.clearRequests());

const as = (email: string) => (path: string, init?: { method?: string; body?: unknown }) =>
  stack.as(email, path, { ...init, ...(email === FRAN && { groups: 'finance' }) });

type DoneWithRows = CostQueryDone & { result: { usageDetails: UsageRow[] } };

async function run(email: string, orgId: string, body: unknown): Promise<DoneWithRows> {
  const res = await as(email)(`/api/orgs/${orgId}/cost-queries`, { method: 'POST', body });
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const done = await waitForRows({ api: (p) => as(email)(p) }, orgId, id);
  expect(done.status).toBe('done');
  return done as unknown as DoneWithRows;
}

const orgsOf = (rows: readonly UsageRow[]) => new Set(rows.map((r) => r.organizationId));
const sumOf = (rows: readonly UsageRow[]) => rows.reduce((s, r) => s + r.usageAmountCents, 0);

/** No id or name of these organizations anywhere in the text. */
function expectNothingOf(text: string, orgIds: string[]) {
  for (const id of orgIds) {
    expect(text).not.toContain(id);
    expect(text).not.toContain(names.get(id));
  }
}

const createdBodies = () =>
  stack.simulator.requests
    .filter((r) => r.route === 'createUsage')
    .map((r) => JSON.parse(r.body) as { organizations?: string[] });

const QUESTION = closedMonths(3, { includePartialMatches: true });

describe('a viewer granted only the paying organization', () => {
  it('gets P’s rows only, and Atlas was asked for P alone', async () => {
    const done = await run(PEGGY, P, QUESTION);
    const rows = done.result.usageDetails;
    expect(rows.length).toBeGreaterThan(0);
    expect(orgsOf(rows)).toEqual(new Set([P]));
    expect(done.result.totals.totalCents).toBe(sumOf(rows));
    expect(done.organizations).toEqual([P]);
    expectNothingOf(JSON.stringify(done), [L1, L2]);
    expect(createdBodies()).toEqual([expect.objectContaining({ organizations: [P] })]);
  });

  it('leaves nothing of L1 or L2 in the job row or the cached result', async () => {
    const done = await run(PEGGY, P, closedMonths(2));
    const job = await stack.bff.bff.store.jobs.get(done.id);
    expect(job?.query).toMatchObject({ atlas: { organizations: [P] } });
    const result = await stack.bff.bff.store.results.get(job?.resultId ?? '');
    expect(result).toBeDefined();
    expectNothingOf(JSON.stringify(job), [L1, L2]);
    expectNothingOf(result?.payload ?? '', [L1, L2]);
    // The cached answer a repeat gets is the same narrow one, without a new Atlas query.
    const again = await run(PEGGY, P, closedMonths(2));
    expect(again.fromCache).toBe(true);
    expect(orgsOf(again.result.usageDetails)).toEqual(new Set([P]));
    expect(createdBodies()).toHaveLength(1);
  });

  it('never shares a job or a cached result with a viewer who sees more', async () => {
    const body = closedMonths(4);
    const narrow = await run(PEGGY, P, body);
    const wide = await run(FRAN, P, body);
    expect(wide.fromCache).not.toBe(true);
    expect(wide.id).not.toBe(narrow.id);
    expect(orgsOf(wide.result.usageDetails)).toEqual(new Set([P, L1, L2]));
    // P's part of the wide answer is exactly the narrow answer, to the cent.
    const pOnly = wide.result.usageDetails.filter((r) => r.organizationId === P);
    expect(sumOf(pOnly)).toBe(narrow.result.totals.totalCents);
    expect(createdBodies().map((b) => b.organizations)).toEqual([[P], [P, L1, L2].sort()]);
  });

  it('is refused projects of L1 in a query or a preset, and Atlas hears nothing', async () => {
    const l1Project = stack.simulator.dataset.projects.find((p) => p.orgId === L1)!.id;
    const query = await as(PEGGY)(`/api/orgs/${P}/cost-queries`, {
      method: 'POST',
      body: closedMonths(2, { projects: [l1Project] }),
    });
    expect(query.status).toBe(403);
    const problem = await query.text();
    expect(problem).not.toContain(l1Project);
    const preset = await as(PEGGY)('/api/presets', {
      method: 'POST',
      body: presetBody(P, { filters: { projects: [l1Project] } }, { name: 'sneaky' }),
    });
    expect(preset.status).toBe(403);
    expect(createdBodies()).toEqual([]);
  });

  it('opens a shared preset with L1’s projects and drill steps left out, and says so', async () => {
    const pProject = stack.simulator.dataset.projects.find((p) => p.orgId === P)!.id;
    const l1Project = stack.simulator.dataset.projects.find((p) => p.orgId === L1)!.id;
    const saved = await as(FRAN)('/api/presets', {
      method: 'POST',
      body: presetBody(
        P,
        {
          filters: { projects: [pProject, l1Project] },
          groupBy: 'projects',
          view: { drill: [{ dimension: 'projects', id: l1Project }] },
        },
        { name: 'Holdings and Retail projects' },
      ),
    });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };

    const opened = await as(PEGGY)(`/api/presets/${id}`);
    expect(opened.status).toBe(200);
    const text = await opened.text();
    const preset = presetResponseSchema.parse(JSON.parse(text));
    expect(preset.query.filters.projects).toEqual([pProject]);
    expect(preset.query.view.drill).toEqual([]);
    expect(preset.withheld?.map((w) => w.field)).toEqual(['projects', 'drill']);
    expect(text).not.toContain(l1Project);
    expectNothingOf(text, [L1, L2]);

    // The owner (who sees everything) still gets the whole preset.
    const own = presetResponseSchema.parse(await (await as(FRAN)(`/api/presets/${id}`)).json());
    expect(own.query.filters.projects.sort()).toEqual([pProject, l1Project].sort());
    expect(own.withheld).toBeUndefined();
  });

  it('gets 404 for a preset that names L1 among its organizations', async () => {
    const saved = await as(FRAN)('/api/presets', {
      method: 'POST',
      body: presetBody(P, { filters: { organizations: [P, L1] } }, { name: 'Family' }),
    });
    const { id } = (await saved.json()) as { id: string };
    expect((await as(PEGGY)(`/api/presets/${id}`)).status).toBe(404);
  });
});

describe('a viewer granted only a linked organization', () => {
  it('gets L1’s rows only, and nothing of P or L2', async () => {
    const done = await run(LILA, L1, QUESTION);
    expect(done.result.usageDetails.length).toBeGreaterThan(0);
    expect(orgsOf(done.result.usageDetails)).toEqual(new Set([L1]));
    expectNothingOf(JSON.stringify(done), [P, L2]);
    const job = await stack.bff.bff.store.jobs.get(done.id);
    const result = await stack.bff.bff.store.results.get(job?.resultId ?? '');
    expectNothingOf(`${JSON.stringify(job)}${result?.payload ?? ''}`, [P, L2]);
    expect(createdBodies()).toEqual([expect.objectContaining({ organizations: [L1] })]);
  });

  it('is refused the paying organization, in the path and in the list', async () => {
    expect(
      (await as(LILA)(`/api/orgs/${P}/cost-queries`, { method: 'POST', body: QUESTION })).status,
    ).toBe(403);
    const named = await as(LILA)(`/api/orgs/${L1}/cost-queries`, {
      method: 'POST',
      body: { ...QUESTION, filters: { organizations: [P] } },
    });
    expect(named.status).toBe(403);
    expect(createdBodies()).toEqual([]);
  });
});

describe('a viewer granted every organization', () => {
  it('sees the paying organization and both linked ones, through an explicit list', async () => {
    const done = await run(FRAN, P, closedMonths(5));
    expect(orgsOf(done.result.usageDetails)).toEqual(new Set([P, L1, L2]));
    expect(done.result.totals.totalCents).toBe(sumOf(done.result.usageDetails));
    expect(createdBodies()).toEqual([
      expect.objectContaining({ organizations: [P, L1, L2].sort() }),
    ]);
  });
});

describe('every query Atlas received', () => {
  it('named its organizations explicitly', async () => {
    await run(PEGGY, P, closedMonths(6));
    await run(FRAN, L2, closedMonths(6));
    const bodies = createdBodies();
    expect(bodies.length).toBe(2);
    for (const body of bodies) expect(body.organizations?.length).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, usagePath, type Session } from '../../src/simulator/testing/atlas';
import { request } from '../../src/simulator/testing/http';
import {
  responseExample,
  validateAgainstOperation,
  validateComponentSchema,
  type ValidationResult,
} from './openapi';

const CREATE = 'createOrgBillingCostExplorerUsageProcess';
const GET_USAGE = 'getOrgBillingCostExplorerUsage';
const BODY = { startDate: '2026-01-01', endDate: '2026-03-01' };

function expectValid(result: ValidationResult): void {
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

describe("the simulator's responses match the official Atlas OpenAPI fragments", () => {
  let h: Session;
  let auth: string;
  let orgId: string;
  beforeAll(async () => {
    h = await startSession();
    ({ auth, orgId } = h);
  });
  afterAll(() => h.sim.close());

  it('202 of a create is a CostExplorerFilterResponseView, for a body the spec accepts', async () => {
    expectValid(validateAgainstOperation(CREATE, 'requestBody', BODY));
    const res = await h.atlas(auth, usagePath(orgId), { body: BODY });
    expect(res.status).toBe(202);
    expectValid(validateAgainstOperation(CREATE, 202, res.json()));
  });

  it('200 of a finished query matches the JSON and CSV media types', async () => {
    const projects = h.sim.dataset.projects.slice(0, 3).map((p) => p.id);
    const token = await h.createQuery(
      { ...BODY, groupBy: 'projects', projects },
      h.sim.dataset.linkedOrgIds[0] ?? '',
    );
    const path = usagePath(h.sim.dataset.linkedOrgIds[0] ?? '', token);
    const json = await h.atlas(auth, path);
    expect(json.status).toBe(200);
    expectValid(validateAgainstOperation(GET_USAGE, 200, json.json()));
    const csv = await h.atlas(auth, path, {
      headers: { accept: 'application/vnd.atlas.2023-01-01+csv' },
    });
    expectValid(
      validateAgainstOperation(GET_USAGE, 200, csv.text, 'application/vnd.atlas.2023-01-01+csv'),
    );
  });

  it("the CSV has exactly the columns of the spec's CSV example, in its order", async () => {
    // The example is a header/value dump ("Billed Date,<value>," per line): its first cells.
    const example = responseExample(GET_USAGE, 200, 'application/vnd.atlas.2023-01-01+csv');
    expect(typeof example).toBe('string');
    const specColumns = String(example)
      .trim()
      .split('\n')
      .map((line) => line.split(',')[0]?.trim());
    expect(specColumns).not.toContain('Service');
    const clusters = h.sim.dataset.clusters.slice(0, 5).map((c) => c.id);
    const token = await h.createQuery({ ...BODY, groupBy: 'clusters', clusters });
    const csv = await h.atlas(auth, usagePath(orgId, token), {
      headers: { accept: 'application/vnd.atlas.2023-01-01+csv' },
    });
    expect(csv.text.split('\n')[0]?.split(',')).toEqual(specColumns);
  });

  it('list pages of organizations, projects and clusters match their Paginated views', async () => {
    const orgs = await h.atlas(auth, '/api/atlas/v2/orgs');
    expectValid(validateAgainstOperation('listOrgs', 200, orgs.json()));
    const groups = await h.atlas(
      auth,
      `/api/atlas/v2/orgs/${orgId}/groups?itemsPerPage=5&pageNum=2`,
    );
    expectValid(validateAgainstOperation('getOrgGroups', 200, groups.json()));
    for (const project of h.sim.dataset.projects) {
      const clusters = await h.atlas(
        auth,
        `/api/atlas/v2/groups/${project.id}/clusters?includeDeletedWithRetainedBackups=true`,
      );
      expectValid(
        validateAgainstOperation(
          { method: 'GET', pathTemplate: '/api/atlas/v2/groups/{groupId}/clusters' },
          200,
          clusters.json(),
        ),
      );
    }
  });

  it('400, 401, 404 and 406 bodies are ApiErrors', async () => {
    const bad = await h.atlas(auth, usagePath(orgId), {
      body: { ...BODY, startDate: '2026-01-02' },
    });
    expect(bad.status).toBe(400);
    expectValid(validateAgainstOperation(CREATE, 400, bad.json()));
    const unknownField = await h.atlas(auth, usagePath(orgId), {
      body: { ...BODY, extra: 1 },
    });
    expectValid(validateAgainstOperation(CREATE, 400, unknownField.json()));
    const anonymous = await request(`${h.url}${usagePath(orgId)}`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expectValid(validateAgainstOperation(CREATE, 401, anonymous.json()));
    const missing = await h.atlas(auth, usagePath(orgId, '0'.repeat(64)));
    expect(missing.status).toBe(404);
    expectValid(validateAgainstOperation(GET_USAGE, 404, missing.json()));
    const noVersion = await h.atlas(auth, '/api/atlas/v2/orgs', {
      headers: { accept: 'application/json' },
    });
    expect(noVersion.status).toBe(406);
    // 406 is documented in the versioning guide, not in the operation: check the bare schema.
    expectValid(validateComponentSchema('cost-explorer', 'ApiError', noVersion.json()));
  });

  it('429 bodies are ApiErrors', async () => {
    const limitedSim = await startSession({ rateLimit: { capacity: 1, refillPerMinute: 1 } });
    try {
      const path = usagePath(limitedSim.orgId);
      expect((await limitedSim.atlas(limitedSim.auth, path, { body: BODY })).status).toBe(202);
      const limited = await limitedSim.atlas(limitedSim.auth, path, { body: BODY });
      expect(limited.status).toBe(429);
      expectValid(validateAgainstOperation(CREATE, 429, limited.json()));
    } finally {
      await limitedSim.sim.close();
    }
  });

  it('the validator itself rejects bodies the spec forbids', () => {
    expect(validateAgainstOperation(CREATE, 'requestBody', { startDate: '2026-01-01' }).valid).toBe(
      false,
    );
    expect(
      validateAgainstOperation(CREATE, 'requestBody', { ...BODY, services: ['Compute'] }).valid,
    ).toBe(false);
    expect(
      validateAgainstOperation(CREATE, 'requestBody', { ...BODY, groupBy: ['projects'] }).valid,
    ).toBe(false);
    expect(validateAgainstOperation(CREATE, 202, { token: 'short' }).valid).toBe(false);
    expect(
      validateAgainstOperation('listOrgs', 200, { results: [{ id: 'x', name: 'a b' }] }).valid,
    ).toBe(false);
    expect(validateComponentSchema('cost-explorer', 'ApiError', { detail: 'no code' }).valid).toBe(
      false,
    );
  });

  it('the validator picks the provider branch the discriminator names', () => {
    const page = (providerSettings: object) => ({
      results: [{ id: 'a'.repeat(24), name: 'c-1', providerSettings }],
    });
    const check = (settings: object) =>
      validateAgainstOperation('listGroupClusters', 200, page(settings)).valid;
    expect(check({ providerName: 'AWS', instanceSizeName: 'M10', regionName: 'US_EAST_1' })).toBe(
      true,
    );
    expect(check({ providerName: 'AZURE', instanceSizeName: 'M10', regionName: 'US_EAST_1' })).toBe(
      false,
    );
    expect(check({ providerName: 'AWS', instanceSizeName: 'M5000' })).toBe(false);
  });
});

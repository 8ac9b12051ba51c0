import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, usagePath, type Session } from '../testing/atlas';
import { request } from '../testing/http';

// The fake clock says 2026-03-15: data is kept from 2024-09-01, the exclusive end may be 2026-04-01.
const VALID = { startDate: '2026-01-01', endDate: '2026-03-01' };

describe('validation of create bodies and paths', () => {
  let h: Session;
  let clusterId: string;
  beforeAll(async () => {
    h = await startSession();
    clusterId = h.sim.dataset.clusters[0]?.id ?? '';
  });
  afterAll(() => h.sim.close());

  const create = (body: unknown) => h.atlas(h.auth, usagePath(h.orgId), { body });

  it.each([
    ['startDate is missing', { endDate: '2026-02-01' }, 'startDate'],
    ['startDate is not a date', { ...VALID, startDate: 'March 2026' }, 'startDate'],
    ['startDate is not a calendar date', { ...VALID, startDate: '2026-02-30' }, 'startDate'],
    ['startDate is not the first of a month', { ...VALID, startDate: '2026-01-15' }, 'startDate'],
    ['endDate is missing', { startDate: '2026-01-01' }, 'endDate'],
    ['endDate equals startDate', { startDate: '2026-01-01', endDate: '2026-01-01' }, 'endDate'],
    ['endDate is before startDate', { startDate: '2026-02-01', endDate: '2026-01-01' }, 'endDate'],
    ['startDate is more than 18 months back', { ...VALID, startDate: '2024-08-01' }, 'startDate'],
    ['endDate is after the first of next month', { ...VALID, endDate: '2026-05-01' }, 'endDate'],
    ['a project id is not 24 hex characters', { ...VALID, projects: ['abc'] }, 'projects[0]'],
    [
      'a cluster id is in upper case',
      { ...VALID, clusters: ['ABCDEF0123456789ABCDEF01'] },
      'clusters[0]',
    ],
    ['organizations is not an array', { ...VALID, organizations: 'x' }, 'organizations'],
    ['a service is not in the enum', { ...VALID, services: ['Compute'] }, 'services[0]'],
    ['groupBy is not one of the four', { ...VALID, groupBy: 'cluster' }, 'groupBy'],
    ['groupBy is an array', { ...VALID, groupBy: ['projects'] }, 'groupBy'],
    ['groupBy clusters comes without clusters', { ...VALID, groupBy: 'clusters' }, 'clusters'],
    [
      'groupBy services has an empty services list',
      { ...VALID, groupBy: 'services', services: [] },
      'services',
    ],
    [
      'includePartialMatches is not a boolean',
      { ...VALID, includePartialMatches: 'yes' },
      'includePartialMatches',
    ],
  ])('answers 400 VALIDATION_ERROR when %s', async (_name, body, field) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    const error = res.json<{
      errorCode: string;
      detail: string;
      badRequestDetail: { fields: { field: string }[] };
    }>();
    expect(error.errorCode).toBe('VALIDATION_ERROR');
    expect(error.detail).toContain(field.replace(/\[\d+\]$/, ''));
    expect(error.badRequestDetail.fields.map((f) => f.field)).toContain(field);
  });

  it('rejects an unknown field instead of ignoring it', async () => {
    const res = await create({ ...VALID, granularity: 'MONTHLY' });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      errorCode: 'INVALID_ATTRIBUTE',
      detail: 'Invalid attribute granularity specified.',
      parameters: ['granularity'],
    });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await create('{"startDate": ');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 400, errorCode: 'MALFORMED_JSON' });
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const res = await create([VALID]);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'VALIDATION_ERROR' });
  });

  it('accepts the full retention window and nothing wider', async () => {
    expect((await create({ startDate: '2024-09-01', endDate: '2026-04-01' })).status).toBe(202);
  });

  it('accepts the null lists and empty groupBy a Go client without omitempty sends', async () => {
    const res = await create({
      ...VALID,
      organizations: [h.orgId],
      projects: null,
      clusters: null,
      services: null,
      groupBy: '',
      includePartialMatches: false,
    });
    expect(res.status).toBe(202);
  });

  it('accepts groupBy clusters when the clusters filter has a value', async () => {
    expect((await create({ ...VALID, groupBy: 'clusters', clusters: [clusterId] })).status).toBe(
      202,
    );
  });

  it('answers 415 for a body sent as text/plain', async () => {
    const res = await h.atlas(h.auth, usagePath(h.orgId), {
      body: VALID,
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
  });

  it('answers 400 for an organization id that is not 24 lowercase hex characters', async () => {
    const res = await h.atlas(h.auth, usagePath('not-an-org'), { body: VALID });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'INVALID_ORG_ID' });
  });

  it('answers 404 for a well-formed organization id nobody has', async () => {
    const res = await h.atlas(h.auth, usagePath('0123456789abcdef01234567'), { body: VALID });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: 404, errorCode: 'ORG_NOT_FOUND' });
  });

  it('answers 404 RESOURCE_NOT_FOUND for an unknown token', async () => {
    const res = await h.atlas(h.auth, usagePath(h.orgId, 'f'.repeat(64)));
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ errorCode: 'RESOURCE_NOT_FOUND' });
  });

  it("answers 404 when polling another organization's token", async () => {
    const created = await create(VALID);
    const { token } = created.json<{ token: string }>();
    const otherOrg = h.sim.dataset.linkedOrgIds[0] ?? '';
    const res = await h.atlas(h.auth, usagePath(otherOrg, token));
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ errorCode: 'RESOURCE_NOT_FOUND' });
    expect((await h.atlas(h.auth, usagePath(h.orgId, token))).status).toBe(200);
  });

  it('returns a random 64-character lowercase hex token for every create', async () => {
    const a = (await create(VALID)).json<{ token: string }>().token;
    const b = (await create(VALID)).json<{ token: string }>().token;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
  });
});

describe('the versioned Accept header', () => {
  let h: Session;
  beforeAll(async () => {
    h = await startSession();
  });
  afterAll(() => h.sim.close());

  it.each([
    ['missing', undefined],
    ['plain JSON', 'application/json'],
    ['a version that does not exist for this endpoint', 'application/vnd.atlas.2025-03-12+json'],
    ['CSV on a list endpoint', 'application/vnd.atlas.2023-01-01+csv'],
    ['a wildcard', '*/*'],
  ])('answers 406 when Accept is %s', async (_name, accept) => {
    const res = await request(`${h.url}/api/atlas/v2/orgs`, {
      headers: { authorization: h.auth, ...(accept !== undefined && { accept }) },
    });
    expect(res.status).toBe(406);
    expect(res.json()).toMatchObject({
      error: 406,
      errorCode: 'INVALID_VERSION_DATE',
      reason: 'Not Acceptable',
    });
  });

  it('accepts 2023-01-01 among other types and with parameters', async () => {
    const res = await h.atlas(h.auth, '/api/atlas/v2/orgs', {
      headers: { accept: 'text/html, application/vnd.atlas.2023-01-01+json; charset=utf-8' },
    });
    expect(res.status).toBe(200);
  });

  it('answers 404 with an ApiError for a path Atlas does not have', async () => {
    const res = await h.atlas(h.auth, '/api/atlas/v2/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ errorCode: 'RESOURCE_NOT_FOUND' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { ATLAS_CSV, startSession, usagePath, type Session } from '../testing/atlas';

describe('envelope=true and CSV results', () => {
  let h: Session;
  beforeAll(async () => {
    h = await startSession();
  });
  afterAll(() => h.sim.close());

  const body = { startDate: '2026-01-01', endDate: '2026-03-01' };

  it('wraps the 202 of a create as {status, content} on HTTP 200', async () => {
    const res = await h.atlas(h.auth, `${usagePath(h.orgId)}?envelope=true`, { body });
    expect(res.status).toBe(200);
    const json = res.json<{ status: number; content: { token: string } }>();
    expect(Object.keys(json)).toEqual(['status', 'content']);
    expect(json.status).toBe(202);
    expect(json.content.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('wraps a finished result as {status: 200, content: {usageDetails}}', async () => {
    const token = await h.createQuery(body);
    const res = await h.atlas(h.auth, `${usagePath(h.orgId, token)}?envelope=true`);
    const json = res.json<{ status: number; content: { usageDetails: unknown[] } }>();
    expect(json.status).toBe(200);
    expect(json.content.usageDetails.length).toBeGreaterThan(0);
  });

  it('wraps an ApiError with its status on HTTP 200', async () => {
    const res = await h.atlas(h.auth, `${usagePath(h.orgId, 'a'.repeat(64))}?envelope=true`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      status: 404,
      content: { error: 404, errorCode: 'RESOURCE_NOT_FOUND' },
    });
  });

  it('keeps 401 as a real 401 so that digest clients still see the challenge', async () => {
    const res = await h.atlas('Bearer nope', '/api/atlas/v2/orgs?envelope=true');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Digest /);
  });

  it("serves the result as CSV with exactly the spec example's columns (no Service) when asked", async () => {
    const clusterIds = h.sim.dataset.clusters.map((c) => c.id);
    const token = await h.createQuery({ ...body, groupBy: 'clusters', clusters: clusterIds });
    const json = await h.atlas(h.auth, usagePath(h.orgId, token));
    const csv = await h.atlas(h.auth, usagePath(h.orgId, token), {
      headers: { accept: ATLAS_CSV },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe(ATLAS_CSV);
    const lines = csv.text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'Billed Date,Invoice Id,Organization Name,Organization ID,Project Name,Project Id,Cluster Name,Cluster Unique Id,Usage Amount',
    );
    const rows = json.json<{
      usageDetails: Array<{ usageAmount: number; clusterUniqueId: string }>;
    }>().usageDetails;
    expect(lines).toHaveLength(rows.length + 1);
    const cells = lines[1]?.split(',') ?? [];
    expect(cells[7]).toBe(rows[0]?.clusterUniqueId);
    expect(cells[8]).toBe(rows[0]?.usageAmount.toFixed(2));
  });

  it('quotes CSV cells that contain commas or quotes', () => {
    const csv = toCsv([
      {
        invoiceId: 'i',
        organizationId: 'o',
        organizationName: 'Acme, "Inc"',
        usageAmount: 5,
        usageDate: '2026-01-01',
      },
    ]);
    expect(csv.split('\n')[1]).toBe('2026-01-01,i,"Acme, ""Inc""",o,,,,,5.00');
  });
});

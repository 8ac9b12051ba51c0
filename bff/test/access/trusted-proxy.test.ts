import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaSchema } from '../../src/contract';
import { closedMonths } from '../support/queries';
import { startAccessStack, type AccessStack } from '../support/access-stack';

/**
 * AUTH_MODE=trusted-proxy: identity headers count only from the proxy's address and only when
 * each appears once. Everything else is 401, so a client reaching the BFF directly cannot
 * pretend to be someone.
 */
let stack: AccessStack;
let limited: AccessStack;
let untrusted: AccessStack;

const allowAll = () => ({ users: {}, groups: { staff: '*' as const } });

beforeAll(async () => {
  [stack, limited, untrusted] = await Promise.all([
    startAccessStack({ access: allowAll }),
    startAccessStack({
      access: allowAll,
      env: { USER_QUERY_LIMIT: '2', USER_QUERY_WINDOW_MS: '60000' },
    }),
    // The test's requests come from 127.0.0.1, which this BFF does not trust.
    startAccessStack({ access: allowAll, env: { TRUSTED_PROXIES: '10.0.0.0/8' } }),
  ]);
});
afterAll(() => Promise.all([stack.close(), limited.close(), untrusted.close()]));

/** node:http, because fetch merges repeated headers into one before sending them. */
function rawGet(
  url: string,
  headers: Array<[string, string | string[]]>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    for (const [name, value] of headers) req.setHeader(name, value);
    req.on('error', reject);
    req.end();
  });
}

describe('who the user is, behind a trusted proxy', () => {
  it('takes the user from X-Forwarded-Email and shows it in /api/meta', async () => {
    const res = await stack.as('Pat@Example.com', '/api/meta', { groups: 'staff' });
    expect(res.status).toBe(200);
    const meta = metaSchema.parse(await res.json());
    expect(meta.user).toEqual({ id: 'pat@example.com', authMode: 'trusted-proxy' });
  });

  it('answers 401 problem+json without the e-mail header, and never redirects', async () => {
    const res = await stack.as(undefined, '/api/orgs', { groups: 'staff' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 401 when the e-mail header appears twice', async () => {
    const { status } = await rawGet(`${stack.bff.bff.url}/api/orgs`, [
      ['X-CSRF', '1'],
      ['X-Forwarded-Email', ['pat@example.com', 'boss@example.com']],
      ['X-Forwarded-Groups', 'staff'],
    ]);
    expect(status).toBe(401);
  });

  it('answers 401 when the groups header appears twice', async () => {
    const { status } = await rawGet(`${stack.bff.bff.url}/api/orgs`, [
      ['X-CSRF', '1'],
      ['X-Forwarded-Email', 'pat@example.com'],
      ['X-Forwarded-Groups', ['staff', 'admins']],
    ]);
    expect(status).toBe(401);
  });

  it('answers 401 to something that is not one e-mail address', async () => {
    for (const email of ['pat@example.com, boss@example.com', 'pat', '', 'a b@example.com']) {
      const res = await stack.as(email, '/api/orgs', { groups: 'staff' });
      expect(res.status, JSON.stringify(email)).toBe(401);
    }
  });

  it('answers 401 to identity headers from an address that is not a trusted proxy', async () => {
    const res = await untrusted.as('pat@example.com', '/api/orgs', { groups: 'staff' });
    expect(res.status).toBe(401);
    expect(untrusted.simulator.requests).toEqual([]);
  });

  it('checks the CSRF header before identity, and leaves health checks open', async () => {
    const res = await fetch(`${stack.bff.bff.url}/api/orgs`, {
      headers: { 'X-Forwarded-Email': 'pat@example.com' },
    });
    expect(res.status).toBe(403);
    expect((await fetch(`${untrusted.bff.bff.url}/healthz`)).status).toBe(200);
  });
});

describe('the per-user limit on creating queries', () => {
  const create = (email: string, orgId: string, body: unknown) =>
    limited.as(email, `/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body,
      groups: 'staff',
    });

  it('answers 429 with RateLimit headers after the limit, and other users are unaffected', async () => {
    const org = limited.orgs.a;
    // Every attempt counts, a refused one too: probing with bad requests is not free.
    const bad = await create('lee@example.com', org, { startDate: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('ratelimit-policy')).toMatch(/q=2; w=60/);
    expect(bad.headers.get('ratelimit')).toMatch(/r=1/);
    const first = await create('lee@example.com', org, closedMonths(1));
    expect(first.status).toBe(202);
    expect(first.headers.get('ratelimit')).toMatch(/r=0/);

    const refused = await create('lee@example.com', org, closedMonths(3));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit')).toMatch(/r=0/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.simulator.requests.filter((r) => r.route === 'createUsage')).toHaveLength(1);

    expect((await create('kim@example.com', org, closedMonths(3))).status).toBe(202);
  });
});

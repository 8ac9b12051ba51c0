import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressAppOf, fillParams, rawRequest, routeTable } from '../hardening/support';
import type { RouteEntry } from '../hardening/support';
import { closedMonths } from '../support/queries';
import { startAccessStack, type AccessStack } from '../support/access-stack';

/**
 * Org access on every route, from the router itself: a route added later inherits these
 * checks without anyone remembering to write them. Alice may see only org A.
 */
let stack: AccessStack;
let routes: RouteEntry[];

/** Routes about no single organization: each one filters or checks what it returns itself. */
const NOT_ORG_SCOPED = [
  'GET /api/meta',
  'GET /api/orgs',
  'GET /api/services',
  'GET /api/presets',
  'POST /api/presets',
  'GET /api/presets/:id',
  'PUT /api/presets/:id',
  'DELETE /api/presets/:id',
];

beforeAll(async () => {
  stack = await startAccessStack({
    access: (orgs) => ({ users: { 'alice@example.com': [orgs.a] }, groups: {} }),
  });
  routes = routeTable(expressAppOf(stack.bff.bff.server)).filter((r) => r.path.startsWith('/api/'));
});
afterAll(() => stack.close());

const label = (r: RouteEntry) => `${r.method} ${r.path}`;

function send(route: RouteEntry, orgId: string, headers: Record<string, string>) {
  const path = fillParams(route.path, {
    orgId,
    id: route.path.includes('presets') ? 'AAAAAAAAAAAAAAAAAAAAAA' : 'AAAAAAAAAAAAAAAAAAAAAAAA',
  });
  const body = route.method === 'POST' || route.method === 'PUT' ? closedMonths(1) : undefined;
  return rawRequest(stack.bff.bff.url, route.method, path, {
    headers: {
      'X-CSRF': '1',
      'If-Match': '"1"',
      ...(body && { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body && { body: JSON.stringify(body) }),
  });
}

describe('every /api route', () => {
  it('is either scoped by :orgId or on the short list of routes that check orgs themselves', () => {
    const unscoped = routes.filter((r) => !r.path.includes(':orgId')).map(label);
    expect(unscoped.sort()).toEqual([...NOT_ORG_SCOPED].sort());
    expect(routes.filter((r) => r.path.includes(':orgId')).length).toBeGreaterThanOrEqual(5);
  });

  it('answers 401 to a request without the proxy’s identity, before doing anything', async () => {
    stack.simulator.clearRequests();
    const failures: string[] = [];
    for (const route of routes) {
      const res = await send(route, stack.orgs.a, {});
      if (res.status !== 401) failures.push(`${label(route)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(stack.simulator.requests).toEqual([]);
  });

  it('answers 403 for an organization the user may not see in the path, and Atlas hears nothing', async () => {
    stack.simulator.clearRequests();
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path.includes(':orgId'))) {
      const res = await send(route, stack.orgs.b, { 'X-Forwarded-Email': 'alice@example.com' });
      if (res.status !== 403) failures.push(`${label(route)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(stack.simulator.requests).toEqual([]);
  });
});

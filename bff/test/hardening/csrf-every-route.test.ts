import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, type ApiRouteSpec } from '../../src/contract';
import { assertRouteRules, buildApiRouter } from '../../src/routes/route-table';
import { startStack, type Stack } from '../support/stack';
import { fillParams, problemOf, rawRequest, routeTable, type RouteEntry } from './support';

/**
 * The CSRF rules hold on EVERY /api route. The routes come from the contract's route table,
 * from which the router is built, so a route added later is checked here without anyone
 * remembering to list it (Duende.BFF's GHSA-4j63-5v5f-xcc4 was one route family that skipped
 * its CSRF check).
 */

const SAMPLE_PARAMS: Record<string, string> = {
  orgId: '5f0c9a7b3d8e2a6100000001',
  // 22 base64url characters: a valid preset id and a valid cost-query id alike.
  id: 'AbCdEfGhIjKlMnOpQrStUv',
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let stack: Stack;
const table: RouteEntry[] = routeTable();

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const label = (r: RouteEntry) => `${r.method} ${r.path}`;

async function send(route: RouteEntry, headers: Record<string, string>, body?: string) {
  return rawRequest(stack.bff.url, route.method, fillParams(route.path, SAMPLE_PARAMS), {
    headers,
    ...(body !== undefined && { body }),
  });
}

/** Runs `check` on every route and reports every failure at once, by route. */
async function everyRoute(
  routes: RouteEntry[],
  check: (route: RouteEntry) => Promise<string | undefined>,
): Promise<void> {
  const failures: string[] = [];
  for (const route of routes) {
    const failure = await check(route);
    if (failure) failures.push(`${label(route)}: ${failure}`);
  }
  expect(failures).toEqual([]);
}

describe('the route table', () => {
  it('gives every route an access rule and a CSRF rule', () => {
    for (const [name, route] of Object.entries(apiRoutes)) {
      expect(() => assertRouteRules(name, route), name).not.toThrow();
    }
    expect(table.map((r) => r.name)).toEqual(Object.keys(apiRoutes));
  });

  it('refuses to build a router with a route that declares no access or CSRF rule', () => {
    const base = apiRoutes.listServices as ApiRouteSpec;
    const { access: _access, ...noAccess } = base;
    const { csrf: _csrf, ...noCsrf } = base;
    const handler = () => ({});
    for (const [rule, route] of [
      ['access', noAccess],
      ['CSRF', noCsrf],
      ['access', { ...base, access: 'anyone' }],
    ] as const) {
      expect(() => buildApiRouter({ extra: route as ApiRouteSpec }, { extra: handler })).toThrow(
        `Route extra (GET /services) declares no ${rule} rule`,
      );
    }
    expect(buildApiRouter({ extra: base }, { extra: handler })).toBeTypeOf('function');
  });

  it('refuses a route whose path parameters and schema disagree, or an org route without :orgId', () => {
    const base = apiRoutes.listProjects as ApiRouteSpec;
    expect(() => assertRouteRules('x', { ...base, path: '/orgs/:org/projects' })).toThrow(
      'declares path parameters [orgId]',
    );
    const { params: _params, ...noParams } = apiRoutes.listServices as ApiRouteSpec;
    expect(() => assertRouteRules('y', { ...noParams, access: 'org' })).toThrow(
      'is org-scoped without :orgId',
    );
  });

  it('reaches a real handler on every route when the request is well formed', async () => {
    // The control for the refusals below: a wrong table would land on "No route" instead.
    await everyRoute(table, async (route) => {
      const res = await send(
        route,
        { 'X-CSRF': '1', 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
        UNSAFE.has(route.method) ? '{}' : undefined,
      );
      const problem = problemOf(res);
      if (res.status === 403 || res.status === 415) return `refused (${res.status})`;
      if (res.status === 404 && /No route/.test(res.body)) return 'no such route';
      if (res.status >= 500) return `server error ${res.status}: ${problem?.title}`;
      return undefined;
    });
  });
});

describe('every /api route refuses what a cross-site page could send', () => {
  it('refuses a request without X-CSRF: 1 (403), GETs included, without calling Atlas', async () => {
    stack.simulator.clearRequests();
    await everyRoute(table, async (route) => {
      for (const csrf of [undefined, '0', 'true', '']) {
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (csrf !== undefined) headers['X-CSRF'] = csrf;
        const res = await send(route, headers, UNSAFE.has(route.method) ? '{}' : undefined);
        if (res.status !== 403) return `X-CSRF ${String(csrf)} → ${res.status}`;
        if (problemOf(res)?.status !== 403) return 'the refusal is not problem+json';
      }
      return undefined;
    });
    expect(stack.simulator.requests).toHaveLength(0);
  });

  it('refuses an unsafe method marked Sec-Fetch-Site: cross-site (403), without calling Atlas', async () => {
    stack.simulator.clearRequests();
    const unsafe = table.filter((r) => UNSAFE.has(r.method));
    expect(unsafe.length).toBeGreaterThanOrEqual(5);
    await everyRoute(unsafe, async (route) => {
      const res = await send(
        route,
        { 'X-CSRF': '1', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
        '{}',
      );
      return res.status === 403 ? undefined : `→ ${res.status}`;
    });
    expect(stack.simulator.requests).toHaveLength(0);
  });

  it.each([
    ['text/plain', '{"startDate":"2026-01-01","endDate":"2026-02-01"}'],
    ['application/x-www-form-urlencoded', 'startDate=2026-01-01&endDate=2026-02-01'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
    ],
  ])(
    'refuses a %s body on every unsafe method (415), without calling Atlas',
    async (contentType, body) => {
      stack.simulator.clearRequests();
      const unsafe = table.filter((r) => UNSAFE.has(r.method));
      await everyRoute(unsafe, async (route) => {
        const res = await send(route, { 'X-CSRF': '1', 'Content-Type': contentType }, body);
        return res.status === 415 || res.status === 403 ? undefined : `→ ${res.status}`;
      });
      expect(stack.simulator.requests).toHaveLength(0);
    },
  );
});

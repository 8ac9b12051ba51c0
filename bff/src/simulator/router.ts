import { authenticate } from './auth/auth';
import { handleRevokeRequest, handleTokenRequest } from './auth/auth-oauth';
import type { SimContext } from './context';
import { createUsage, getUsage } from './cost-explorer/cost-explorer';
import { fail, notAcceptable, notFound } from './errors';
import { negotiate, type Exchange } from './http-io';
import { listClusters, listOrgs, listProjects } from './pickers/pickers';
import type { SimRoute } from './types';

interface Match {
  route: SimRoute;
  params: Record<string, string>;
  /** The path exists but not for this method. */
  wrongMethod?: boolean;
}

const V2 = '/api/atlas/v2';
const TABLE: ReadonlyArray<{
  route: Exclude<SimRoute, 'unknown'>;
  method: string;
  pattern: RegExp;
}> = [
  { route: 'oauthToken', method: 'POST', pattern: /^\/api\/oauth\/token$/ },
  { route: 'listOrgs', method: 'GET', pattern: /^\/api\/atlas\/v2\/orgs$/ },
  {
    route: 'listProjects',
    method: 'GET',
    pattern: /^\/api\/atlas\/v2\/orgs\/(?<orgId>[^/]+)\/groups$/,
  },
  {
    route: 'listClusters',
    method: 'GET',
    pattern: /^\/api\/atlas\/v2\/groups\/(?<groupId>[^/]+)\/clusters$/,
  },
  {
    route: 'createUsage',
    method: 'POST',
    pattern: /^\/api\/atlas\/v2\/orgs\/(?<orgId>[^/]+)\/billing\/costExplorer\/usage$/,
  },
  {
    route: 'getUsage',
    method: 'GET',
    pattern:
      /^\/api\/atlas\/v2\/orgs\/(?<orgId>[^/]+)\/billing\/costExplorer\/usage\/(?<token>[^/]+)$/,
  },
];

export function classify(method: string, path: string): Match {
  let wrongMethod = false;
  for (const entry of TABLE) {
    const match = entry.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    // The token endpoint answers wrong methods itself, in OAuth's error format.
    if (entry.method === method || entry.route === 'oauthToken')
      return { route: entry.route, params };
    wrongMethod = true;
  }
  return { route: 'unknown', params: {}, wrongMethod };
}

export function dispatch(x: Exchange, ctx: SimContext, wrongMethod: boolean): void {
  if (x.route === 'oauthToken') return handleTokenRequest(x, ctx.auth.oauth, ctx.credentials);
  if (x.path === '/api/oauth/revoke')
    return handleRevokeRequest(x, ctx.auth.oauth, ctx.credentials);
  if (!x.path.startsWith(`${V2}/`) && x.path !== V2) {
    throw notFound(`Cannot find resource ${x.path}.`, 'RESOURCE_NOT_FOUND', [x.path]);
  }
  authenticate(x, ctx.auth);
  if (x.route === 'unknown') {
    if (wrongMethod)
      throw fail(405, 'METHOD_NOT_ALLOWED', `Method ${x.method} is not allowed here.`);
    throw notFound(`Cannot find resource ${x.path}.`, 'RESOURCE_NOT_FOUND', [x.path]);
  }
  const format = negotiate(x.req.headers.accept, x.route === 'getUsage');
  if (!format) throw notAcceptable();
  switch (x.route) {
    case 'listOrgs':
      return listOrgs(x, ctx.model);
    case 'listProjects':
      return listProjects(x, ctx.model);
    case 'listClusters':
      return listClusters(x, ctx.model);
    case 'createUsage':
      return createUsage(x, ctx);
    case 'getUsage':
      return getUsage(x, ctx, format);
  }
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  API_PREFIX,
  apiRoutes,
  type ApiRouteName,
  type ApiRouteSpec,
  type RouteAccess,
} from '../../src/contract';
import { startStack, type Stack } from '../support/stack';

/** A built web app stand-in (index.html and one hashed asset): page-route tests need no build. */
function makeWebDist(): { dir: string; asset: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ace-dist-'));
  const asset = '/assets/app-3f9c1a.js';
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="${asset}"></script></head><body></body></html>`,
  );
  writeFileSync(path.join(dir, asset), 'console.log("app");');
  return { dir, asset };
}

export interface PageStack extends Stack {
  /** The stand-in web app the BFF serves (its WEB_DIST_DIR). */
  dist: { dir: string; asset: string };
}

/** A BFF and its simulator serving a stand-in web app; close() removes the app's folder too. */
export async function startPageStack(env: Record<string, string> = {}): Promise<PageStack> {
  const dist = makeWebDist();
  const stack = await startStack({ env: { WEB_DIST_DIR: dist.dir, ...env } });
  return {
    ...stack,
    dist,
    async close() {
      await stack.close();
      rmSync(dist.dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request with the path sent byte for byte. fetch() would normalize `%2e%2e` and `..`
 * segments away (WHATWG URL) before the BFF ever saw them; an attacker's client does not.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...(options.body !== undefined && { 'Content-Length': Buffer.byteLength(options.body) }),
          ...options.headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface RouteEntry {
  /** The route's name in the contract's table (its OpenAPI operationId). */
  name: ApiRouteName;
  method: string;
  /** The full path template as mounted, e.g. `/api/orgs/:orgId/projects`. */
  path: string;
  access: RouteAccess;
  spec: ApiRouteSpec;
}

/**
 * Every /api route, from the contract's route table: the router is built from the same table,
 * so a route added there is checked here without anyone listing it.
 */
export function routeTable(): RouteEntry[] {
  return (Object.entries(apiRoutes) as Array<[ApiRouteName, ApiRouteSpec]>).map(([name, spec]) => ({
    name,
    method: spec.method,
    path: `${API_PREFIX}${spec.path}`,
    access: spec.access,
    spec,
  }));
}

/** A valid-looking value for a path parameter, by name; unknown names fail loudly. */
export function fillParams(template: string, values: Record<string, string>): string {
  return template.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`no sample value for path parameter :${name} in ${template}; add one`);
    }
    return value;
  });
}

/** Parses a problem+json answer; undefined when the answer is not one. */
export function problemOf(res: RawResponse):
  | {
      status: number;
      title: string;
      errors?: Array<{ field: string; message: string }>;
    }
  | undefined {
  const type = String(res.headers['content-type'] ?? '');
  if (!type.includes('application/problem+json')) return undefined;
  return JSON.parse(res.body) as {
    status: number;
    title: string;
    errors?: Array<{ field: string; message: string }>;
  };
}

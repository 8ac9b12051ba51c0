import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A built web app stand-in (index.html and one hashed asset): page-route tests need no build. */
export function makeWebDist(): { dir: string; asset: string } {
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
  method: string;
  /** The full path template as mounted, e.g. `/api/orgs/:orgId/projects`. */
  path: string;
}

/** The parts of router 2.x's Layer that introspection reads (Express 5 has no public API for it). */
interface Layer {
  name: string;
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The Express app a running server dispatches to (its one 'request' listener). */
export function expressAppOf(server: Server): { router: { stack: Layer[] } } {
  const [listener] = server.listeners('request');
  const app = listener as unknown as { router?: { stack?: Layer[] } } | undefined;
  if (!app?.router?.stack) throw new Error('the server’s request listener is not an Express app');
  return app as { router: { stack: Layer[] } };
}

/**
 * Every route of the app with its full mounted path, found by walking the router stack and
 * nested routers (Express 5 / router 2: `layer.rawPath` is the mount path, `layer.slash` marks a
 * mount at `/`). Routes whose path is a RegExp are returned with `path` = the RegExp source
 * prefixed by `regexp:` so callers can decide about them.
 */
export function routeTable(app: { router: { stack: Layer[] } }): RouteEntry[] {
  const table: RouteEntry[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const routePath = layer.route.path;
        const paths = Array.isArray(routePath) ? (routePath as unknown[]) : [routePath];
        for (const p of paths) {
          const full = typeof p === 'string' ? join(prefix, p) : `regexp:${String(p)}`;
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') table.push({ method: method.toUpperCase(), path: full });
          }
        }
        continue;
      }
      const nested = layer.handle?.stack;
      if (!nested) continue;
      const mount = layer.slash || layer.rawPath === '/' ? '' : layer.rawPath;
      if (typeof mount !== 'string') {
        throw new Error(`a router is mounted at a non-string path (${String(mount)})`);
      }
      walk(nested, join(prefix, mount));
    }
  };
  walk(app.router.stack, '');
  return table;
}

const join = (a: string, b: string) => `${a}/${b}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

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

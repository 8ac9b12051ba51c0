import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBff } from '../support/stack';
import { rawRequest, startPageStack, type PageStack, type RawResponse } from './support';

/**
 * A credential-holding BFF's header baseline (helmet's defaults, no-store, no CORS) on EVERY kind of
 * answer (success, client errors, server errors, static files, the app shell, health), and no
 * CORS for another origin. The web app is a temporary dist folder so the test needs no build.
 */

const ORG = '5f0c9a7b3d8e2a6100000001';
const ASSET = '/assets/app-3f9c1a.js';

let stack: PageStack;

beforeAll(async () => {
  stack = await startPageStack();
});
afterAll(() => stack.close());

const csrf = { 'X-CSRF': '1' };
const json = { ...csrf, 'Content-Type': 'application/json' };

/** Each kind of answer the BFF gives, with the request that provokes it (GET unless named). */
const ANSWERS: Array<{
  name: string;
  status: number;
  api: boolean;
  method?: string;
  target: string;
  headers?: Record<string, string>;
  body?: string;
}> = [
  { name: 'an API JSON answer', status: 200, api: true, target: '/api/services', headers: csrf },
  {
    name: 'an API 400 (invalid org id)',
    status: 400,
    api: true,
    target: '/api/orgs/nope/projects',
    headers: csrf,
  },
  { name: 'an API 403 (no CSRF header)', status: 403, api: true, target: '/api/services' },
  { name: 'an API 404', status: 404, api: true, target: '/api/nope', headers: csrf },
  {
    name: 'an API 413 (body over 64 kB)',
    status: 413,
    api: true,
    method: 'POST',
    target: `/api/orgs/${ORG}/cost-queries`,
    headers: json,
    body: JSON.stringify({ startDate: 'x'.repeat(70 * 1024) }),
  },
  {
    name: 'an API 415 (text/plain body)',
    status: 415,
    api: true,
    method: 'POST',
    target: '/api/presets',
    headers: { ...csrf, 'Content-Type': 'text/plain' },
    body: '{}',
  },
  {
    name: 'a page 404 (missing asset)',
    status: 404,
    api: false,
    target: '/assets/missing-0000.js',
  },
  { name: 'a static asset', status: 200, api: false, target: ASSET },
  { name: 'the app shell at /', status: 200, api: false, target: '/' },
  {
    name: 'the app shell at a client-side route',
    status: 200,
    api: false,
    target: '/p/AbCdEfGhIjKlMnOpQrStUv',
  },
  {
    name: 'a 421 (a host name it does not answer to)',
    status: 421,
    api: true,
    target: '/api/services',
    headers: { ...csrf, Host: 'evil.example' },
  },
  {
    name: 'a page 412 (If-Match on the app shell)',
    status: 412,
    api: false,
    target: '/',
    headers: { 'If-Match': '"1"' },
  },
  { name: 'the liveness check', status: 200, api: false, target: '/healthz' },
  { name: 'the readiness check', status: 200, api: false, target: '/readyz' },
];

/** What every answer must carry; returns the misses as readable lines. */
function baselineMisses(res: RawResponse): string[] {
  const h = (name: string) => {
    const value = res.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const misses: string[] = [];
  const csp = h('content-security-policy') ?? '';
  if (!/(^|;)\s*frame-ancestors\s/.test(csp)) misses.push(`CSP without frame-ancestors: ${csp}`);
  if (!/(^|;)\s*default-src 'self'/.test(csp)) misses.push(`CSP without default-src: ${csp}`);
  if (h('x-content-type-options') !== 'nosniff') misses.push('no nosniff');
  const maxAge = Number(/max-age=(\d+)/.exec(h('strict-transport-security') ?? '')?.[1] ?? 0);
  if (maxAge < 31_536_000) misses.push(`HSTS max-age ${maxAge} < 1 year`);
  if (!h('referrer-policy')) misses.push('no Referrer-Policy');
  if (h('cross-origin-opener-policy') !== 'same-origin') misses.push('no COOP same-origin');
  if (h('x-frame-options') === undefined) misses.push('no X-Frame-Options');
  if (h('x-powered-by') !== undefined) misses.push('X-Powered-By present');
  return misses;
}

describe('every kind of answer carries the security header baseline', () => {
  it.each(ANSWERS.map((a) => [a.name, a] as const))('%s', async (_name, answer) => {
    const { method = 'GET', target, headers, body } = answer;
    const res = await rawRequest(stack.bff.url, method, target, { headers, body });
    expect(res.status).toBe(answer.status);
    expect(baselineMisses(res)).toEqual([]);
    if (answer.api) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a 500 carries it too, and says nothing about the cause', async () => {
    // A second BFF whose store is closed under it: the next preset read fails inside the app.
    const broken = await startBff({ simulatorUrl: stack.simulator.url });
    try {
      await broken.bff.store.close();
      const res = await rawRequest(broken.bff.url, 'GET', '/api/presets', { headers: csrf });
      expect(res.status).toBe(500);
      expect(baselineMisses(res)).toEqual([]);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(res.body)).toEqual({
        type: 'about:blank',
        title: 'Internal error',
        status: 500,
        detail: 'Something went wrong on our side',
      });
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});

describe('CORS stays closed to other origins', () => {
  const EVIL = 'https://evil.example';

  it.each(['/api/services', `/api/orgs/${ORG}/cost-queries`, '/api/presets', '/', '/healthz'])(
    'a preflight from another origin to %s grants nothing',
    async (target) => {
      const res = await rawRequest(stack.bff.url, 'OPTIONS', target, {
        headers: {
          Origin: EVIL,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-csrf, content-type',
        },
      });
      expect(res.status).toBeLessThan(500);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-allow-headers']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
    },
  );

  it.each(['/api/services', '/api/orgs', '/', ASSET, '/healthz'])(
    'a GET from another origin to %s gets no Access-Control-Allow-* header',
    async (target) => {
      const res = await rawRequest(stack.bff.url, 'GET', target, {
        headers: { ...csrf, Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' },
      });
      const granted = Object.keys(res.headers).filter((name) => name.startsWith('access-control-'));
      expect(granted).toEqual([]);
    },
  );
});

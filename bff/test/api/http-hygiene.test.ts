import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

describe('every response carries the security baseline', () => {
  it.each([
    ['an API answer', '/api/services', true],
    ['an API 404', '/api/nope', true],
    ['an API 403 (no CSRF header)', '/api/services', false],
    ['a health check', '/healthz', true],
    ['a page 404', '/no-such-file.js', true],
  ])('%s has helmet’s headers and no X-Powered-By', async (_name, path, csrf) => {
    const res = await stack.api(path, { csrf });
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=31536000');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('marks API answers Cache-Control: no-store, errors included', async () => {
    for (const [path, csrf] of [
      ['/api/services', true],
      ['/api/services', false],
      ['/api/nope', true],
    ] as const) {
      const res = await stack.api(path, { csrf });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers an unknown API route with a problem document', async () => {
    const res = await stack.api('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('grants no CORS to another origin', async () => {
    const res = await stack.api('/api/services', { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lists the 23 Atlas services', async () => {
    const res = await stack.api('/api/services');
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(23);
  });

  it('reports readiness and liveness outside /api without calling Atlas', async () => {
    stack.simulator.clearRequests();
    expect((await stack.api('/healthz', { csrf: false })).status).toBe(200);
    expect((await stack.api('/readyz', { csrf: false })).status).toBe(200);
    expect(stack.simulator.requests).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startPageStack, type PageStack } from './support';

/**
 * DNS rebinding: a page on evil.example whose name resolves to this server makes the browser
 * send `Host: evil.example`. Nothing but the configured names gets an answer (421), on every kind
 * of route; health checks answer any host (probes use addresses).
 */
let stack: PageStack;

beforeAll(async () => {
  stack = await startPageStack({ ALLOWED_HOSTS: 'costs.example.com' });
});
afterAll(() => stack.close());

const get = (target: string, host: string) =>
  rawRequest(stack.bff.url, 'GET', target, { headers: { 'X-CSRF': '1', Host: host } });

describe('the Host allow-list', () => {
  const targets = () => [
    '/api/services',
    '/api/orgs',
    '/',
    '/p/AbCdEfGhIjKlMnOpQrStUv',
    stack.dist.asset,
  ];

  it('answers 421 problem+json to a host it does not know, on every kind of route', async () => {
    for (const target of targets()) {
      for (const host of ['evil.example', 'evil.example:3000', 'localhost.evil.example']) {
        const res = await get(target, host);
        expect(res.status, `${host} ${target}`).toBe(421);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).not.toContain('evil');
      }
    }
    expect(stack.simulator.requests).toEqual([]);
  });

  it('answers the loopback names and the configured ones, with or without a port', async () => {
    for (const host of [
      '127.0.0.1:1234',
      'localhost',
      '[::1]:80',
      'Costs.Example.com',
      'costs.example.com.',
    ]) {
      expect((await get('/api/services', host)).status, host).toBe(200);
    }
  });

  it('leaves the health checks open to any host', async () => {
    expect((await get('/healthz', 'evil.example')).status).toBe(200);
    expect((await get('/readyz', '10.1.2.3:3000')).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startPageStack, type PageStack } from './support';

/**
 * Conditional and range headers on the page routes (app shell, share links, assets): the static
 * file layer answers 412/416/304 for them, which must reach the client as such, never as 500.
 */
let stack: PageStack;

beforeAll(async () => {
  stack = await startPageStack();
});
afterAll(() => stack.close());

const HEADERS: Array<Record<string, string>> = [
  { 'If-Match': '"1"' },
  { 'If-Match': '*' },
  { 'If-Match': 'W/"weak"' },
  { 'If-None-Match': '*' },
  { 'If-Unmodified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' },
  { 'If-Modified-Since': 'Thu, 01 Jan 2099 00:00:00 GMT' },
  { Range: 'bytes=999999-' },
  { Range: 'bytes=0-3' },
  { Range: 'nonsense' },
  { 'If-Range': '"1"', Range: 'bytes=0-3' },
];

describe('page routes with conditional and range headers', () => {
  it('never answer 5xx, and If-Match on / and /p/<id> gives 412 or 200', async () => {
    const targets = ['/', '/p/AbCdEfGhIjKlMnOpQrStUv', stack.dist.asset, '/assets/missing-0000.js'];
    const seen = new Set<number>();
    for (const target of targets) {
      for (const headers of HEADERS) {
        const res = await rawRequest(stack.bff.url, 'GET', target, { headers });
        seen.add(res.status);
        expect(res.status, `${target} ${JSON.stringify(headers)}`).toBeLessThan(500);
      }
    }
    for (const target of ['/', '/p/AbCdEfGhIjKlMnOpQrStUv']) {
      const res = await rawRequest(stack.bff.url, 'GET', target, {
        headers: { 'If-Match': '"1"' },
      });
      expect([200, 412]).toContain(res.status);
    }
    // The matrix really reached the conditional answers, not just 200s.
    expect(seen).toContain(412);
    expect(seen).toContain(416);
  });
});

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulator';
import { startBff, type Bff } from '../support/stack';
import { makeWebDist, rawRequest } from './support';

/**
 * Conditional and range headers on the page routes (app shell, share links, assets): the static
 * file layer answers 412/416/304 for them, which must reach the client as such, never as 500.
 */
let simulator: Simulator;
let bff: Bff;
let dist: { dir: string; asset: string };

beforeAll(async () => {
  dist = makeWebDist();
  simulator = createSimulator({ processingMs: 30 });
  bff = await startBff({
    simulatorUrl: await simulator.listen(0, '127.0.0.1'),
    env: { WEB_DIST_DIR: dist.dir },
  });
});
afterAll(async () => {
  await bff.close();
  await simulator.close();
  rmSync(dist.dir, { recursive: true, force: true });
});

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
    const targets = ['/', '/p/AbCdEfGhIjKlMnOpQrStUv', dist.asset, '/assets/missing-0000.js'];
    const seen = new Set<number>();
    for (const target of targets) {
      for (const headers of HEADERS) {
        const res = await rawRequest(bff.bff.url, 'GET', target, { headers });
        seen.add(res.status);
        expect(res.status, `${target} ${JSON.stringify(headers)}`).toBeLessThan(500);
      }
    }
    for (const target of ['/', '/p/AbCdEfGhIjKlMnOpQrStUv']) {
      const res = await rawRequest(bff.bff.url, 'GET', target, { headers: { 'If-Match': '"1"' } });
      expect([200, 412]).toContain(res.status);
    }
    // The matrix really reached the conditional answers, not just 200s.
    expect(seen).toContain(412);
    expect(seen).toContain(416);
  });
});

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../src/simulator';
import { closedMonths, createQuery, firstOrgId, upstreamCalls } from '../support/queries';
import { startStack, waitForQuery, type Stack } from '../support/stack';

/**
 * The BFF never follows an upstream redirect (it would carry credentials somewhere else).
 * Atlas (the simulator) answers 30x pointing at a second server standing in for the cloud
 * metadata endpoint; the browser gets a 502 problem, Atlas saw exactly one call, and the
 * redirect target saw nothing.
 */

let stack: Stack;
let orgId: string;
let target: Server;
let targetUrl: string;
const targetSaw: Array<Pick<IncomingMessage, 'method' | 'url'>> = [];

beforeAll(async () => {
  target = createServer((req, res) => {
    targetSaw.push({ method: req.method, url: req.url });
    res.end('{"AccessKeyId":"metadata"}');
  });
  target.listen(0, '127.0.0.1');
  await once(target, 'listening');
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  // Retries allowed, so a redirect retried like an outage would show as a second call. The
  // breaker keeps its default: redirects are not outages and must not open it either.
  stack = await startStack({ env: { ATLAS_MAX_RETRIES: '2' } });
  orgId = await firstOrgId(stack);
});
afterAll(async () => {
  await stack.close();
  target.close();
});
beforeEach(() => {
  stack.simulator.faults.clear();
  stack.simulator.clearRequests();
  targetSaw.length = 0;
});

/** Every secret the browser must never see: configured ones and what the BFF sent upstream. */
function secrets(): string[] {
  const sent = stack.simulator.requests
    .map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1])
    .filter((v): v is string => Boolean(v));
  return [DEMO_CREDENTIALS.clientSecret, ...sent];
}

describe('an upstream redirect is never followed', () => {
  it.each([301, 302, 303, 307, 308])(
    'on create: Atlas answering %i gives the browser a 502 after one call, the target sees nothing',
    async (status) => {
      stack.simulator.faults.add({
        route: 'createUsage',
        action: { kind: 'redirect', location: `${targetUrl}/latest/meta-data/`, status },
        times: 'always',
      });
      // Distinct months per case: a cached or shared job would hide the call.
      const res = await createQuery(stack, orgId, closedMonths(1, {}, status % 10), {
        refresh: true,
      });
      const text = await res.text();
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('location')).toBeNull();
      expect(text).not.toContain(targetUrl);
      for (const secret of secrets()) expect(text).not.toContain(secret);
      expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
      expect(targetSaw).toEqual([]);
    },
  );

  it('on a picker read: a 502 after one call, not retried like an outage', async () => {
    stack.simulator.faults.add({
      route: 'listProjects',
      action: { kind: 'redirect', location: `${targetUrl}/latest/meta-data/` },
      times: 'always',
    });
    const res = await stack.api(`/api/orgs/${orgId}/projects`);
    const text = await res.text();
    expect(res.status).toBe(502);
    expect(text).not.toContain(targetUrl);
    for (const secret of secrets()) expect(text).not.toContain(secret);
    expect(upstreamCalls(stack.simulator, 'listProjects')).toHaveLength(1);
    expect(targetSaw).toEqual([]);
  });

  it('on poll: Atlas redirecting a poll fails the query with 502, one poll call, the target sees nothing', async () => {
    const res = await createQuery(stack, orgId, closedMonths(3), { refresh: true });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    stack.simulator.faults.add({
      route: 'getUsage',
      action: { kind: 'redirect', location: `${targetUrl}/latest/meta-data/` },
      times: 'always',
    });
    const state = await waitForQuery(stack, orgId, id);
    expect(state).toMatchObject({ status: 'failed', error: { status: 502 } });
    const text = JSON.stringify(state);
    expect(text).not.toContain(targetUrl);
    for (const secret of secrets()) expect(text).not.toContain(secret);
    expect(upstreamCalls(stack.simulator, 'getUsage')).toHaveLength(1);
    expect(targetSaw).toEqual([]);
    // The redirected creates above were not retried in the background meanwhile either.
    expect(upstreamCalls(stack.simulator, 'createUsage')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../src/contract';
import { fillParams, rawRequest, routeTable, type RouteEntry } from '../hardening/support';
import { closedMonths } from '../support/queries';
import { startAccessStack, type AccessStack } from '../support/access-stack';
import { presetBody } from '../support/presets';

/**
 * Access on every route, from the contract's route table: each route declares who may call it
 * (`access`), and each kind of rule has a probe below that tries to get round it. A route added
 * to the table is probed without anyone remembering to; a new kind of rule without a probe does
 * not compile (the probes are a Record over every kind). Alice may see only org A; owen, A and B.
 */
const ALICE = 'alice@example.com';
const OWEN = 'owen@example.com';

let stack: AccessStack;
let A: string;
let B: string;
/** What of org B must never reach alice: its id and its name. */
let secretsOfB: string[];
const routes = routeTable();

beforeAll(async () => {
  stack = await startAccessStack({
    access: (orgs) => ({ users: { [ALICE]: [orgs.a], [OWEN]: [orgs.a, orgs.b] }, groups: {} }),
  });
  ({ a: A, b: B } = stack.orgs);
  const orgB = stack.simulator.dataset.orgs.find((o) => o.id === B);
  secretsOfB = [B, orgB?.name ?? 'unnamed'];
});
afterAll(() => stack.close());

const label = (r: RouteEntry) => `${r.method} ${r.path}`;
const UNSAFE = new Set(['POST', 'PUT', 'DELETE']);

function send(
  route: RouteEntry,
  values: { orgId?: string; id?: string; body?: unknown },
  headers: Record<string, string>,
) {
  const path = fillParams(route.path, {
    orgId: values.orgId ?? A,
    id: values.id ?? (route.path.includes('presets') ? 'A'.repeat(22) : 'A'.repeat(24)),
  });
  const body =
    values.body ?? (UNSAFE.has(route.method) && route.spec.body ? closedMonths(1) : undefined);
  return rawRequest(stack.bff.bff.url, route.method, path, {
    headers: {
      'X-CSRF': '1',
      'If-Match': '"1"',
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

const as = (email: string) => ({ 'X-Forwarded-Email': email });

async function savePreset(owner: string, orgId: string): Promise<string> {
  const res = await stack.as(owner, '/api/presets', {
    method: 'POST',
    body: presetBody(orgId, {}, { name: `${owner} about ${orgId}` }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A problem with the route, or undefined when the rule held. */
type Probe = (route: RouteEntry) => Promise<string | undefined>;

const PROBES = {
  /** Alice may call it, and nothing in the answer is of org B, whatever she sends. */
  viewer: async (route) => {
    const body = route.spec.body ? presetBody(B) : undefined;
    const res = await send(route, { body }, as(ALICE));
    // A refusal may repeat the id she sent; anything else of B, or B in an answer, is a leak.
    const leaked = (res.status >= 400 ? secretsOfB.slice(1) : secretsOfB).filter((secret) =>
      res.body.includes(secret),
    );
    if (res.status >= 500) return `→ ${res.status}`;
    if (UNSAFE.has(route.method) && res.status < 400)
      return `saved something about B (${res.status})`;
    return leaked.length > 0 ? `answer holds ${leaked.join(', ')}` : undefined;
  },
  /** Org B in the path: 403 before anything is done, and Atlas hears nothing. */
  org: async (route) => {
    stack.simulator.clearRequests();
    const res = await send(route, { orgId: B }, as(ALICE));
    if (res.status !== 403) return `→ ${res.status}`;
    if (stack.simulator.requests.length > 0) return 'Atlas was called';
    return secretsOfB.slice(1).some((s) => res.body.includes(s)) ? 'names org B' : undefined;
  },
  /** A link to a preset about org B opens for alice exactly like an unknown id: 404, no bytes of it. */
  'preset-link': async (route) => {
    const id = await savePreset(OWEN, B);
    const res = await send(route, { id }, as(ALICE));
    if (res.status !== 404) return `→ ${res.status}`;
    return secretsOfB.some((s) => res.body.includes(s)) ? 'the 404 holds org B' : undefined;
  },
  /** Only the owner changes a preset: 403 for one alice may open, 404 for one she may not. */
  'preset-owner': async (route) => {
    for (const [orgId, expected] of [
      [A, 403],
      [B, 404],
    ] as const) {
      const id = await savePreset(OWEN, orgId);
      const body = route.spec.body ? presetBody(A, {}, { name: 'taken over' }) : undefined;
      const res = await send(route, { id, body }, as(ALICE));
      if (res.status !== expected) return `preset about ${orgId} → ${res.status}`;
      const after = await stack.as(OWEN, `/api/presets/${id}`);
      const kept = (await after.json()) as { version?: number; name?: string };
      if (after.status !== 200 || kept.version !== 1 || kept.name === 'taken over') {
        return `alice changed owen's preset about ${orgId}`;
      }
    }
    return undefined;
  },
} satisfies Record<RouteAccess, Probe>;

describe('every /api route in the route table', () => {
  it('answers 401 to a request without the proxy’s identity, before doing anything', async () => {
    stack.simulator.clearRequests();
    const failures: string[] = [];
    for (const route of routes) {
      const res = await send(route, {}, {});
      if (res.status !== 401) failures.push(`${label(route)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(stack.simulator.requests).toEqual([]);
  });

  it('holds its access rule against the probe for that rule', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const failure = await PROBES[route.access](route);
      if (failure) failures.push(`${label(route)} (${route.access}): ${failure}`);
    }
    expect(failures).toEqual([]);
    // Every kind of rule is in use, so none of the probes is dead code.
    expect(new Set(routes.map((r) => r.access))).toEqual(new Set(Object.keys(PROBES)));
  });

  it('is org-scoped exactly when its path names an organization', () => {
    for (const route of routes) {
      expect(route.access === 'org', label(route)).toBe(route.path.includes(':orgId'));
    }
  });
});

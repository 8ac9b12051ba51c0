import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedMonths } from '../support/queries';
import { startStack, waitForQuery, type Stack } from '../support/stack';

let stack: Stack;
let orgId: string;
/** For the 429 case: after a 429 the BFF holds back every call of that org for Retry-After. */
let otherOrgId: string;
const body = JSON.stringify(closedMonths(2));

beforeAll(async () => {
  stack = await startStack({ env: { ATLAS_TIMEOUT_MS: '300', ATLAS_MAX_RETRIES: '1' } });
  const orgs = (await (await stack.api('/api/orgs')).json()) as { items: Array<{ id: string }> };
  orgId = orgs.items[0]!.id;
  otherOrgId = orgs.items[1]!.id;
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  stack.simulator.faults.clear();
  stack.simulator.clearRequests();
});

const create = () => stack.api(`/api/orgs/${orgId}/cost-queries`, { method: 'POST', body });

describe('when Atlas fails, the browser gets a clear problem without secrets', () => {
  it('passes Atlas 400 on as 400 with Atlas’s detail', async () => {
    stack.simulator.faults.add({
      route: 'createUsage',
      action: {
        kind: 'status',
        status: 400,
        body: {
          error: 400,
          errorCode: 'VALIDATION_ERROR',
          detail: 'Invalid date range.',
          reason: 'Bad Request',
        },
      },
    });
    const res = await create();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain('Invalid date range.');
  });

  it('turns Atlas 403 into 403 telling which role is missing', async () => {
    stack.simulator.faults.add({ route: 'createUsage', action: { kind: 'status', status: 403 } });
    const res = await create();
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toContain(
      'Organization Billing Viewer',
    );
  });

  it('turns Atlas 401 into 502 saying the credentials were refused', async () => {
    stack.simulator.faults.add({
      route: 'createUsage',
      action: { kind: 'status', status: 401 },
      times: 'always',
    });
    const res = await create();
    expect(res.status).toBe(502);
    expect(((await res.json()) as { title: string }).title).toMatch(/credentials/);
  });

  it('turns Atlas 404 into 404', async () => {
    stack.simulator.faults.add({ route: 'createUsage', action: { kind: 'status', status: 404 } });
    expect((await create()).status).toBe(404);
  });

  // A 429 is Atlas's budget running out, not a wrong question: the query waits its turn rather
  // than failing the create with 503 (docs/decisions/007).
  it('queues a query Atlas answers 429 for, and says until when it waits', async () => {
    stack.simulator.faults.add({
      route: 'createUsage',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '30' } },
      times: 'always',
    });
    const res = await stack.api(`/api/orgs/${otherOrgId}/cost-queries`, { method: 'POST', body });
    expect(res.status).toBe(202);
    const { id, status } = (await res.json()) as { id: string; status: string };
    expect(status).toBe('processing');
    const poll = await stack.api(`/api/orgs/${otherOrgId}/cost-queries/${id}`);
    const state = (await poll.json()) as {
      status: string;
      waitingUntil?: string;
      createdAt: string;
      elapsedMs: number;
    };
    expect(state.status).toBe('processing');
    // On the servers' clocks, not the test's: the wait runs Retry-After from the 429, and the
    // browser is told to come back when it ends (the BFF's "now" is createdAt + elapsedMs).
    const waitingUntil = Date.parse(state.waitingUntil ?? '');
    const [limited] = stack.simulator.requests.filter((r) => r.route === 'createUsage');
    expect(waitingUntil - limited!.time).toBeGreaterThanOrEqual(30_000);
    const bffNow = Date.parse(state.createdAt) + state.elapsedMs;
    expect(Number(poll.headers.get('retry-after'))).toBe(Math.ceil((waitingUntil - bffNow) / 1000));
    const cancelled = await stack.api(`/api/orgs/${otherOrgId}/cost-queries/${id}`, {
      method: 'DELETE',
    });
    expect(cancelled.status).toBe(204);
  });

  it('turns a hang into 504', async () => {
    stack.simulator.faults.add({ route: 'createUsage', action: { kind: 'hang' } });
    const res = await create();
    expect(res.status).toBe(504);
  });

  it('fails a query whose poll Atlas refuses, with the reason', async () => {
    stack.simulator.faults.add({
      route: 'getUsage',
      action: { kind: 'status', status: 403 },
      times: 'always',
    });
    const res = await create();
    const { id } = (await res.json()) as { id: string };
    const state = (await waitForQuery(stack, orgId, id)) as {
      status: string;
      error: { status: number; detail: string };
    };
    expect(state.status).toBe('failed');
    expect(state.error.status).toBe(403);
    expect(state.error.detail).toContain('Organization Billing Viewer');
  });
});

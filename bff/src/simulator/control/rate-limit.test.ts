import { afterEach, describe, expect, it } from 'vitest';
import { startSession, usagePath, type Session } from '../testing/atlas';

const BODY = { startDate: '2026-01-01', endDate: '2026-02-01' };

describe('the Invoices rate limit (token bucket per organization)', () => {
  let h: Session;
  afterEach(() => h.sim.close());

  async function start(capacity = 3, refillPerMinute = 6) {
    h = await startSession({ rateLimit: { capacity, refillPerMinute } });
  }
  const create = (orgId = h.orgId) => h.atlas(h.auth, usagePath(orgId), { body: BODY });

  it('puts RateLimit-Limit and RateLimit-Remaining on creates and polls, which share one bucket', async () => {
    await start();
    const created = await create();
    expect(created.headers['ratelimit-limit']).toBe('3');
    expect(created.headers['ratelimit-remaining']).toBe('2');
    const token = created.json<{ token: string }>().token;
    const polled = await h.atlas(h.auth, usagePath(h.orgId, token));
    expect(polled.status).toBe(200);
    expect(polled.headers['ratelimit-remaining']).toBe('1');
  });

  it('answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After up to the next fixed refill tick', async () => {
    await start();
    for (let i = 0; i < 3; i++) expect((await create()).status).toBe(202);
    // The bucket's ticks fall every 60 s from its first request: 55 s to go, as in Atlas's docs.
    h.clock.advance(5_000);
    const res = await create();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('55');
    expect(res.headers['ratelimit-limit']).toBe('3');
    expect(res.headers['ratelimit-remaining']).toBe('0');
    const orgId = h.orgId;
    expect(res.json()).toEqual({
      detail:
        `Rate limit exceeded for api/atlas/v2/orgs/${orgId}/billing/costExplorer/usage. ` +
        'Please retry after 55 seconds. Request capacity: 3. Refill rate: 6 per 60 seconds.',
      error: 429,
      errorCode: 'RATE_LIMITED_TOKEN_BUCKET',
      parameters: [`api/atlas/v2/orgs/${orgId}/billing/costExplorer/usage`, 55, 3, 6, 60],
      reason: 'Too Many Requests',
    });
    h.clock.advance(24_500);
    expect((await create()).headers['retry-after']).toBe('31');
  });

  it('refills in whole steps at fixed intervals on the simulator clock', async () => {
    // 600 a minute every 200 ms: +2 tokens per tick.
    h = await startSession({
      rateLimit: { capacity: 3, refillPerMinute: 600, refillIntervalMs: 200 },
    });
    for (let i = 0; i < 3; i++) await create();
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json<{ detail: string }>().detail).toMatch(/Refill rate: 2 per 0\.2 seconds\.$/);
    h.clock.advance(199);
    expect((await create()).status).toBe(429);
    h.clock.advance(1);
    const refilled = await create();
    expect(refilled.status).toBe(202);
    expect(refilled.headers['ratelimit-remaining']).toBe('1');
    expect((await create()).headers['ratelimit-remaining']).toBe('0');
    expect((await create()).status).toBe(429);
    // Ticks keep their phase: 150 ms later is not a tick, 50 ms after that is.
    h.clock.advance(150);
    expect((await create()).status).toBe(429);
    h.clock.advance(50);
    expect((await create()).status).toBe(202);
  });

  it('never refills past the capacity however many ticks pass', async () => {
    h = await startSession({
      rateLimit: { capacity: 3, refillPerMinute: 600, refillIntervalMs: 200 },
    });
    await create();
    h.clock.advance(10_000);
    expect((await create()).headers['ratelimit-remaining']).toBe('2');
  });

  it('refills continuously on the continuous-refill profile', async () => {
    h = await startSession({
      profile: 'continuous-refill',
      rateLimit: { capacity: 3, refillPerMinute: 6 },
    });
    for (let i = 0; i < 3; i++) await create();
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('10');
    h.clock.advance(9_999);
    expect((await create()).status).toBe(429);
    h.clock.advance(1);
    const res = await create();
    expect(res.status).toBe(202);
    expect(res.headers['ratelimit-remaining']).toBe('0');
  });

  it('switches between fixed and continuous refill with the profile at run time', async () => {
    await start();
    for (let i = 0; i < 3; i++) await create();
    // Fixed: nothing back before the 60 s tick. Continuous: 10 s bring back one token.
    h.clock.advance(10_000);
    h.sim.setProfile('continuous-refill');
    expect((await create()).status).toBe(202);
    h.sim.setProfile('default');
    h.clock.advance(10_000);
    expect((await create()).status).toBe(429);
  });

  it('keeps a separate bucket per organization', async () => {
    await start(1);
    expect((await create()).status).toBe(202);
    expect((await create()).status).toBe(429);
    expect((await create(h.sim.dataset.linkedOrgIds[0])).status).toBe(202);
  });

  it('does not count picker lists against the Invoices bucket', async () => {
    await start(1);
    await h.atlas(h.auth, '/api/atlas/v2/orgs');
    expect((await create()).status).toBe(202);
  });

  it('sends no RateLimit headers when rate limiting is off (the default)', async () => {
    h = await startSession();
    const token = await h.createQuery(BODY);
    const res = await h.atlas(h.auth, usagePath(h.orgId, token));
    expect(res.headers).not.toHaveProperty('ratelimit-limit');
  });
});

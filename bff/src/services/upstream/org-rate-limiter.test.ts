import { describe, expect, it } from 'vitest';
import { OrgRateLimiter, type OrgRateLimiterOptions } from './org-rate-limiter';

/** A limiter on a hand-moved clock that starts at 0. */
const limiterOnClock = (options: Omit<OrgRateLimiterOptions, 'now'>) => {
  let now = 0;
  const time = { advance: (ms: number) => (now += ms) };
  return { time, limiter: new OrgRateLimiter({ ...options, now: () => now }) };
};

describe('the per-org outbound limiter', () => {
  it('lets a full bucket through, then says how long until the next call', () => {
    const { time, limiter } = limiterOnClock({ capacity: 3, refillPerMinute: 60 });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1000);
    time.advance(1000);
    expect(limiter.take('a')).toBe(0);
  });

  it('keeps one organization’s budget apart from another’s', () => {
    const { limiter } = limiterOnClock({ capacity: 1, refillPerMinute: 1 });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });

  it('holds every call of an org until the end of a 429 pause, then starts from empty', () => {
    const { time, limiter } = limiterOnClock({ capacity: 10, refillPerMinute: 600 });
    limiter.pause('a', 5000);
    expect(limiter.take('a')).toBe(5000);
    time.advance(5000);
    expect(limiter.take('a')).toBe(0); // 50 refilled meanwhile, capped at 10
  });
});

describe('the limiter’s memory', () => {
  it('stays bounded when 1,000 different organizations each make a call', () => {
    const { time, limiter } = limiterOnClock({ capacity: 5, refillPerMinute: 60, maxBuckets: 100 });
    for (let i = 0; i < 1_000; i++) {
      expect(limiter.take(`org-${i}`)).toBe(0);
      time.advance(10);
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('drops only buckets that are full again, so a busy organization keeps its debt', () => {
    const { time, limiter } = limiterOnClock({ capacity: 1, refillPerMinute: 1, maxBuckets: 2 });
    expect(limiter.take('busy')).toBe(0);
    expect(limiter.take('idle')).toBe(0);
    time.advance(60_000); // both full again after a minute …
    expect(limiter.take('busy')).toBe(0); // … busy spends its token again
    expect(limiter.take('third')).toBe(0); // a new bucket: the full one (idle) makes room
    expect(limiter.size).toBe(2);
    expect(limiter.take('busy')).toBeGreaterThan(0); // busy's debt was kept
  });
});

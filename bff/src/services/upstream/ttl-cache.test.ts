import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TtlCache', () => {
  it('reuses a value until it expires, then loads it again', async () => {
    const c = clock();
    const cache = new TtlCache<number>(100, c.now);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.get('k', load)).toBe(1);
    c.advance(99);
    expect(await cache.get('k', load)).toBe(1);
    c.advance(1);
    expect(await cache.get('k', load)).toBe(2);
  });

  it('keeps a failure for the failure TTL only, so a broken lookup is not repeated at once', async () => {
    const c = clock();
    const cache = new TtlCache<number>(60_000, c.now, 5_000);
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('Atlas said no'));
    };
    await expect(cache.get('k', failing)).rejects.toThrow('Atlas said no');
    await expect(cache.get('k', failing)).rejects.toThrow('Atlas said no');
    expect(calls).toBe(1);
    c.advance(5_000);
    await expect(cache.get('k', failing)).rejects.toThrow('Atlas said no');
    expect(calls).toBe(2);
  });

  it('forgets a failure at once without a failure TTL', async () => {
    const cache = new TtlCache<number>(60_000);
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('no'));
    };
    await expect(cache.get('k', failing)).rejects.toThrow();
    await expect(cache.get('k', failing)).rejects.toThrow();
    expect(calls).toBe(2);
  });

  it('stays within its entry bound however many keys are asked for', async () => {
    const cache = new TtlCache<number>(60_000, Date.now, 0, 100);
    for (let i = 0; i < 1_000; i++) await cache.get(`k${i}`, () => Promise.resolve(i));
    expect(cache.size).toBe(100);
    // The newest keys are the ones kept.
    expect(await cache.get('k999', () => Promise.resolve(-1))).toBe(999);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { BucketRule } from '../../../src/store/budgets';
import type { Store } from '../../../src/store/types';
import { storePerSuite } from './each-database';

/**
 * The shared Atlas budget in every store: what one replica spends, the others cannot, and a
 * pause seen by one holds them all. Two stores on one database stand for two replicas.
 */
export function describeBudgetRepository(open: () => Promise<Store>): void {
  const store = storePerSuite(open);
  const other = storePerSuite(open);
  const org = () => randomBytes(12).toString('hex');
  const T = 5_000_000;
  /** capacity 3, one call back a second (60 a minute). */
  const rule: BucketRule = { intervalMs: 1000, burstMs: 3000 };

  describe('shared Atlas budget repository', () => {
    afterAll(async () => {
      await store().budgets.deleteFull(Number.MAX_SAFE_INTEGER);
    });

    it('lets a full bucket spend its capacity, then says how long until the next call', async () => {
      const orgId = org();
      const takes = [];
      for (let i = 0; i < 4; i++) takes.push(await store().budgets.take(orgId, T, rule));
      expect(takes).toEqual([0, 0, 0, 1000]);
      expect(await store().budgets.take(orgId, T + 999, rule)).toBe(1);
      expect(await store().budgets.take(orgId, T + 1000, rule)).toBe(0);
      // Idle long enough, it is full again and no fuller.
      const later = T + 60_000;
      const refilled = [];
      for (let i = 0; i < 4; i++) refilled.push(await other().budgets.take(orgId, later, rule));
      expect(refilled).toEqual([0, 0, 0, 1000]);
    });

    it('never lets two replicas taking at once spend more than the bucket holds', async () => {
      const orgId = org();
      const wide: BucketRule = { intervalMs: 1000, burstMs: 10_000 };
      const waits = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          (i % 2 ? store() : other()).budgets.take(orgId, T, wide),
        ),
      );
      expect(waits.filter((w) => w === 0)).toHaveLength(10);
      expect(waits.filter((w) => w > 0).every((w) => w >= 1 && w <= 1000)).toBe(true);
    });

    it('holds every replica back after a 429 seen by one, and starts that bucket empty', async () => {
      const orgId = org();
      expect(await store().budgets.take(orgId, T, rule)).toBe(0);
      await store().budgets.pause(orgId, T, T + 5_000, rule);
      expect(await other().budgets.take(orgId, T + 1, rule)).toBe(4_999);
      // A shorter pause later never shortens the one in force.
      await other().budgets.pause(orgId, T + 2, T + 10, rule);
      expect(await store().budgets.take(orgId, T + 20, rule)).toBe(4_980);
      // The bucket refilled during the pause (empty at T+2, capacity 3 a second each).
      const after = [];
      for (let i = 0; i < 4; i++) after.push(await store().budgets.take(orgId, T + 5_000, rule));
      expect(after).toEqual([0, 0, 0, 1000]);
    });

    it('forgets only buckets that are full again and not paused (a missing row is a full one)', async () => {
      const [busy, paused] = [org(), org()];
      const base = T + 1_000_000;
      await store().budgets.deleteFull(base - 1); // the earlier tests' buckets
      await store().budgets.take(busy, base, rule);
      await store().budgets.pause(paused, base, base + 60_000, rule);
      const before = await store().budgets.count();
      await store().budgets.deleteFull(base + 999);
      expect(await store().budgets.count()).toBe(before);
      await store().budgets.deleteFull(base + 3_000);
      expect(await store().budgets.count()).toBe(before - 1);
      expect(await store().budgets.take(busy, base + 3_000, rule)).toBe(0);
      expect(await store().budgets.take(paused, base + 3_000, rule)).toBe(57_000);
    });
  });
}

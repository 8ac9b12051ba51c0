import type { BudgetRepository } from '../../store/budgets';

/**
 * The cost queries' budget of Atlas calls per organization, kept in the store so every replica
 * spends from the same bucket (decision 015): together they stay below Atlas's Invoices bucket
 * (500, refilled 100 a minute; create and poll share it). Only organizations a connection
 * serves reach it (callAtlas checks first), and the sweeper prunes rows of full buckets, so
 * random ids cannot grow the table.
 */
export interface OrgBudget {
  /** Spends one call for `orgId`: 0 when allowed, otherwise how long to wait (nothing spent). */
  take(orgId: string): Promise<number>;
  /** Atlas answered 429: every replica holds this org's calls until `untilMs`, from empty. */
  pause(orgId: string, untilMs: number): Promise<void>;
  /** Forgets buckets that are full again (the sweeper calls it now and then). */
  prune(): Promise<number>;
  /** How many organizations have a bucket stored. */
  size(): Promise<number>;
}

export function createSharedOrgBudget(options: {
  budgets: BudgetRepository;
  capacity: number;
  refillPerMinute: number;
  now?: () => number;
}): OrgBudget {
  const { budgets, capacity, refillPerMinute } = options;
  const now = options.now ?? Date.now;
  // Rounded up: whole milliseconds in the store, and never faster than configured.
  const intervalMs = Math.ceil(60_000 / refillPerMinute);
  const rule = { intervalMs, burstMs: capacity * intervalMs };
  return {
    take: (orgId) => budgets.take(orgId, now(), rule),
    pause: (orgId, untilMs) => budgets.pause(orgId, now(), untilMs, rule),
    prune: () => budgets.deleteFull(now()),
    size: () => budgets.count(),
  };
}

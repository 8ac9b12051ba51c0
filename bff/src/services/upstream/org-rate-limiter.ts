/**
 * An outbound budget per organization in this process: the pickers' lists use it (Atlas's list
 * buckets are large; each replica has its own). The cost queries' budget is shared by every
 * replica through the store instead (shared-org-budget.ts, decision 015).
 * Only organizations a connection serves reach it, and idle full buckets are pruned, so random
 * ids cannot grow it.
 */
export interface OrgRateLimiterOptions {
  capacity: number;
  refillPerMinute: number;
  /**
   * Buckets kept at most (default 10,000). Beyond it, buckets that are full again and not paused
   * are dropped: a full bucket is exactly what a new one would be, so nobody gains a call.
   */
  maxBuckets?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** After an Atlas 429 nobody of this org calls before this time. */
  pausedUntil: number;
}

export class OrgRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(private readonly options: OrgRateLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Spends one call for `orgId`: 0 when allowed, otherwise how long to wait (nothing spent). */
  take(orgId: string): number {
    const now = this.now();
    const bucket = this.refill(orgId, now);
    if (bucket.pausedUntil > now) return bucket.pausedUntil - now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    const perMs = this.options.refillPerMinute / 60_000;
    return Math.ceil((1 - bucket.tokens) / perMs);
  }

  /** Atlas answered 429: hold every call of this org until `untilMs`, and start from empty. */
  pause(orgId: string, untilMs: number): void {
    const bucket = this.refill(orgId, this.now());
    bucket.pausedUntil = Math.max(bucket.pausedUntil, untilMs);
    bucket.tokens = 0;
  }

  /** How many organizations' buckets are held in memory. */
  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number): void {
    const { capacity, refillPerMinute } = this.options;
    for (const [orgId, bucket] of this.buckets) {
      const tokens = bucket.tokens + ((now - bucket.updatedAt) * refillPerMinute) / 60_000;
      if (tokens >= capacity && bucket.pausedUntil <= now) this.buckets.delete(orgId);
    }
    // Still full of busy buckets: the oldest go (it would take more organizations than a
    // connection serves; only served organizations reach the limiter).
    const max = this.options.maxBuckets ?? 10_000;
    for (const orgId of this.buckets.keys()) {
      if (this.buckets.size < max) break;
      this.buckets.delete(orgId);
    }
  }

  private refill(orgId: string, now: number): Bucket {
    const { capacity, refillPerMinute } = this.options;
    let bucket = this.buckets.get(orgId);
    if (!bucket) {
      if (this.buckets.size >= (this.options.maxBuckets ?? 10_000)) this.prune(now);
      bucket = { tokens: capacity, updatedAt: now, pausedUntil: 0 };
      this.buckets.set(orgId, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * refillPerMinute) / 60_000);
    bucket.updatedAt = now;
    return bucket;
  }
}

import { fail } from '../errors';

export interface RateLimitConfig {
  capacity: number;
  refillPerMinute: number;
}

/** Atlas's documented limit for the Invoices endpoint set (D4), scope ORGANIZATION. */
export const ATLAS_INVOICES_LIMIT: RateLimitConfig = { capacity: 500, refillPerMinute: 100 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per organization shared by create and poll, refilled continuously on the
 * simulator's clock. `take` throws the 429 ApiFailure Atlas sends when the bucket is empty.
 */
export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig | false,
    private readonly nowMs: () => number,
  ) {}

  get capacity(): number {
    return this.config ? this.config.capacity : ATLAS_INVOICES_LIMIT.capacity;
  }

  /** Spends one request; returns the RateLimit-* headers to send (none when disabled). */
  take(orgId: string, endpoint: string): Record<string, string> {
    const { config } = this;
    if (!config) return {};
    const now = this.nowMs();
    const bucket = this.buckets.get(orgId) ?? { tokens: config.capacity, updatedAt: now };
    const perMs = config.refillPerMinute / 60_000;
    bucket.tokens = Math.min(
      config.capacity,
      bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMs,
    );
    bucket.updatedAt = now;
    this.buckets.set(orgId, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      // Text and parameters follow the 429 example in Atlas's rate-limit docs (D4).
      throw fail(
        429,
        'RATE_LIMITED_TOKEN_BUCKET',
        `Rate limit exceeded for ${endpoint}. Please retry after ${retryAfter} seconds. ` +
          `Request capacity: ${config.capacity}. Refill rate: ${config.refillPerMinute} per 60 seconds.`,
        {
          parameters: [endpoint, retryAfter, config.capacity, config.refillPerMinute, 60],
          headers: {
            'Retry-After': String(retryAfter),
            'RateLimit-Limit': String(config.capacity),
            'RateLimit-Remaining': '0',
          },
        },
      );
    }
    bucket.tokens -= 1;
    return {
      'RateLimit-Limit': String(config.capacity),
      'RateLimit-Remaining': String(Math.floor(bucket.tokens)),
    };
  }
}

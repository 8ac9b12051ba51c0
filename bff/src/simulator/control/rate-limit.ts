import { fail } from '../errors';
import type { SimRateLimit } from '../types';

export type RateLimitConfig = SimRateLimit;
export type RefillMode = 'fixed' | 'continuous';

/** Atlas's documented limit for the Invoices endpoint set (D4), scope ORGANIZATION. */
export const ATLAS_INVOICES_LIMIT: RateLimitConfig = { capacity: 500, refillPerMinute: 100 };

const MINUTE_MS = 60_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** Fixed refill ticks fall at startedAt + k × interval. */
  startedAt: number;
}

/**
 * A token bucket per organization shared by create and poll, on the simulator's clock. Atlas's
 * docs say tokens come back "at fixed intervals" (100 every 60 s for Invoices), so by default
 * they arrive in steps and Retry-After counts the seconds to the tick that frees one; the
 * `continuous-refill` profile trickles them in instead. `take` throws Atlas's 429 when empty.
 */
export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig | false,
    private readonly nowMs: () => number,
    private readonly refill: () => RefillMode = () => 'fixed',
  ) {}

  get capacity(): number {
    return this.config ? this.config.capacity : ATLAS_INVOICES_LIMIT.capacity;
  }

  /** Spends one request; returns the RateLimit-* headers to send (none when disabled). */
  take(orgId: string, endpoint: string): Record<string, string> {
    const { config } = this;
    if (!config) return {};
    const now = this.nowMs();
    const bucket = this.buckets.get(orgId) ?? {
      tokens: config.capacity,
      updatedAt: now,
      startedAt: now,
    };
    this.buckets.set(orgId, bucket);
    const step = this.refill() === 'fixed' ? fixedStep(config) : continuousStep(config);
    bucket.tokens = Math.min(config.capacity, bucket.tokens + step.added(bucket, now));
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil(step.waitMs(bucket, now) / 1000));
      // Text and parameters follow the 429 example in Atlas's rate-limit docs (D4).
      throw fail(
        429,
        'RATE_LIMITED_TOKEN_BUCKET',
        `Rate limit exceeded for ${endpoint}. Please retry after ${retryAfter} seconds. ` +
          `Request capacity: ${config.capacity}. Refill rate: ${step.amount} per ${step.seconds} seconds.`,
        {
          parameters: [endpoint, retryAfter, config.capacity, step.amount, step.seconds],
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

interface RefillStep {
  /** What the docs' "Refill rate: <amount> per <seconds> seconds" says. */
  amount: number;
  seconds: number;
  added(bucket: Bucket, now: number): number;
  /** Until the bucket holds one whole token again. */
  waitMs(bucket: Bucket, now: number): number;
}

function fixedStep(config: RateLimitConfig): RefillStep {
  const interval = config.refillIntervalMs ?? MINUTE_MS;
  const amount = (config.refillPerMinute * interval) / MINUTE_MS;
  const ticks = (bucket: Bucket, at: number) => Math.floor((at - bucket.startedAt) / interval);
  return {
    amount,
    seconds: interval / 1000,
    added: (bucket, now) => (ticks(bucket, now) - ticks(bucket, bucket.updatedAt)) * amount,
    waitMs(bucket, now) {
      const needed = Math.ceil((1 - bucket.tokens) / amount);
      return bucket.startedAt + (ticks(bucket, now) + needed) * interval - now;
    },
  };
}

function continuousStep(config: RateLimitConfig): RefillStep {
  const perMs = config.refillPerMinute / MINUTE_MS;
  return {
    amount: config.refillPerMinute,
    seconds: 60,
    added: (bucket, now) => Math.max(0, now - bucket.updatedAt) * perMs,
    waitMs: (bucket) => (1 - bucket.tokens) / perMs,
  };
}

import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';
import { viewerOf } from './identity';

/**
 * Per-user limit on creating cost queries, keyed by the user (not the IP: behind a proxy every
 * user shares one). Answers carry the IETF `RateLimit`/`RateLimit-Policy` headers (draft 8);
 * a refused request is 429 problem+json with Retry-After. Requests that fail (400, 403, …) do
 * not count. The counter lives in this process: with replicas, each has its own window
 * (docs/deployment.md).
 */
export function userQueryRateLimit(options: { limit: number; windowMs: number }): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'cost-queries',
    skipFailedRequests: true,
    keyGenerator: (_req, res) => viewerOf(res).id,
    // The key is the user, never the address, so a proxy's X-Forwarded-For is irrelevant here.
    validate: { xForwardedForHeader: false },
    handler: (req, _res, next) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil(((resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000),
      );
      next(
        new AppError({
          status: 429,
          title: 'Too many queries',
          detail: `You can start ${options.limit} queries per ${Math.round(options.windowMs / 1000)} s. Try again in ${retryAfterSeconds} s.`,
          retryAfterSeconds,
        }),
      );
    },
  });
}

import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';
import { requesterOf } from './requester';

/**
 * Per-user limit on creating cost queries, keyed by the signed-in user (not the IP: behind a
 * proxy every user shares one; only without sign-in is the address the key). Answers carry the IETF `RateLimit`/`RateLimit-Policy` headers (draft 8);
 * a refused request is 429 problem+json with Retry-After. Every attempt counts, failed ones too
 * (a 400, 403 or 404 still costs the BFF work, and a stream of them is how ids are probed). The
 * counter lives in this process: with replicas, each has its own window (docs/deployment.md).
 */
export function userQueryRateLimit(options: { limit: number; windowMs: number }): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'cost-queries',
    keyGenerator: requesterOf,
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

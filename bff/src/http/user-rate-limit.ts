import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LOCAL_VIEWER } from '../services/access';
import { AppError } from '../errors';
import { viewerOf } from './identity';

/**
 * Per-user limit on creating cost queries, keyed by the signed-in user (not the IP: behind a
 * proxy every user shares one; only without sign-in is the address the key). Answers carry the IETF `RateLimit`/`RateLimit-Policy` headers (draft 8);
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
    // Without sign-in everybody is the one local viewer: count per address then, so one
    // person's burst does not lock out the whole team.
    keyGenerator: (req, res) => {
      const viewer = viewerOf(res);
      return viewer === LOCAL_VIEWER ? `ip:${ipKeyGenerator(req.ip ?? '')}` : `user:${viewer.id}`;
    },
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

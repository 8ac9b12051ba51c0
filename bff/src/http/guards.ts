import type { NextFunction, Request, Response } from 'express';
import { CSRF_HEADER } from '../contract';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for a cookie-less same-origin BFF (draft-ietf-oauth-browser-based-apps §BFF):
 * every /api request, GETs included (polls spend Atlas quota), must carry the static custom
 * header, which a cross-site form or <img> cannot set without a CORS preflight we never grant.
 */
export function requireCsrfHeader(req: Request, _res: Response, next: NextFunction): void {
  if (req.get(CSRF_HEADER) !== '1') {
    next(
      new AppError({
        status: 403,
        title: 'Missing CSRF header',
        detail: `Every /api request must carry the header ${CSRF_HEADER}: 1`,
      }),
    );
    return;
  }
  if (!SAFE_METHODS.has(req.method) && req.get('Sec-Fetch-Site') === 'cross-site') {
    next(new AppError({ status: 403, title: 'Cross-site request refused' }));
    return;
  }
  next();
}

/** Only JSON bodies: the "simple" form content types are how CSRF and smuggling arrive. */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) {
    next(
      new AppError({
        status: 415,
        title: 'Unsupported media type',
        detail: 'Send request bodies as application/json',
      }),
    );
    return;
  }
  next();
}

export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

import type { NextFunction, Request, Response } from 'express';
import proxyaddr from 'proxy-addr';
import type { AccessRules, AuthConfig } from '../config';
import { AppError } from '../errors';
import { LOCAL_VIEWER, viewerFor, type Viewer } from '../services/access';

export const EMAIL_HEADER = 'x-forwarded-email';
export const GROUPS_HEADER = 'x-forwarded-groups';

/** RFC 5321 caps a path at 256 octets; anything with separators or controls is not one address. */
const EMAIL = /^[^\s,;<>"@]{1,64}@[^\s,;<>"@]{1,255}$/;

const unauthenticated = (detail: string) =>
  new AppError({ status: 401, title: 'Not signed in', detail });

/**
 * Who is asking, once per /api request, stored for the routes (`viewerOf`).
 * - `none`: one trusted team; everybody is the local viewer.
 * - `trusted-proxy`: an authenticating proxy (oauth2-proxy, say) in front sets X-Forwarded-Email
 *   and X-Forwarded-Groups. They are believed only from the socket addresses in TRUSTED_PROXIES
 *   (the TCP peer, never X-Forwarded-For, which a client can write) and only when each header
 *   appears once; anything else is 401 so a spoofed or ambiguous identity never gets through.
 */
export function identify(auth: AuthConfig, rules: AccessRules) {
  if (auth.mode === 'none') {
    return (_req: Request, res: Response, next: NextFunction): void => {
      res.locals.viewer = LOCAL_VIEWER;
      next();
    };
  }
  const trusted = proxyaddr.compile(auth.trustedProxies);
  return (req: Request, res: Response, next: NextFunction): void => {
    const peer = req.socket.remoteAddress;
    if (!peer || !trusted(peer, 0)) {
      next(unauthenticated('Requests must come through the sign-in proxy.'));
      return;
    }
    const emails = req.headersDistinct[EMAIL_HEADER] ?? [];
    const groupHeaders = req.headersDistinct[GROUPS_HEADER] ?? [];
    const email = emails[0]?.trim() ?? '';
    if (emails.length !== 1 || !EMAIL.test(email)) {
      next(unauthenticated('The sign-in proxy did not send exactly one user e-mail.'));
      return;
    }
    if (groupHeaders.length > 1) {
      next(unauthenticated('The sign-in proxy sent the groups header more than once.'));
      return;
    }
    const groups = (groupHeaders[0] ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter((g) => g.length > 0 && g.length <= 256)
      .slice(0, 200);
    res.locals.viewer = viewerFor({ email, groups }, rules);
    next();
  };
}

/** The viewer `identify` stored; a route mounted outside it is a programming error. */
export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer) throw new Error('identify() must run before this route');
  return viewer;
}

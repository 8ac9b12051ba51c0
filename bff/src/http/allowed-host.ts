import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';

/** The host name of a `Host` header value: without port, brackets or a trailing dot, lower case. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = header.trim().toLowerCase();
  const name = value.startsWith('[') ? value.slice(1, value.indexOf(']')) : value.split(':')[0];
  return name?.replace(/\.$/, '') || undefined;
}

/**
 * DNS rebinding defence: a page on a name the attacker controls, resolved to this server, makes
 * the browser send that name in `Host`. Only the names this server is known by are answered;
 * anything else is 421 Misdirected Request (RFC 9110 §15.5.20), with no data.
 */
export function requireAllowedHost(allowed: ReadonlySet<string>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const name = hostNameOf(req.get('host'));
    if (name && allowed.has(name)) {
      next();
      return;
    }
    next(
      new AppError({
        status: 421,
        title: 'Misdirected request',
        // Never echo the header: it is attacker-chosen bytes.
        detail:
          'This server does not answer to the host name this request was sent to. Open the dashboard at its configured address.',
      }),
    );
  };
}

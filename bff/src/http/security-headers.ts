import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's headers, worked out once. With static directives (no per-request nonces) helmet
 * answers every request with the same headers, yet runs 13 middlewares and rebuilds the CSP
 * string each time; on the hot path (a cached poll) that was a measurable share of the BFF's
 * CPU per request (docs/reliability.md). helmet itself still decides every header and value:
 * this runs it once against a recording response and replays what it did.
 */
export function securityHeaders(options: HelmetOptions): RequestHandler {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('helmet failed');
    finished = true;
  });
  // A helmet that needed the request (or went async) cannot be replayed: fail at start.
  if (!finished) throw new Error('helmet did not finish synchronously; cannot precompute');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

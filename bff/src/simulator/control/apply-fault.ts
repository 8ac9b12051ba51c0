import { defaultApiError } from '../errors';
import { ATLAS_JSON, ERROR_JSON, type Exchange } from '../http-io';
import type { FaultAction } from '../types';

export interface FaultEnv {
  /** Real-time wait that ends early when the simulator closes. */
  wait(ms: number): Promise<void>;
  /** What RateLimit-Limit says on a simulated 429. */
  rateLimitCapacity: number;
}

const FULL_BODY = JSON.stringify({
  usageDetails: [
    {
      invoiceId: '0'.repeat(24),
      organizationId: '0'.repeat(24),
      usageAmount: 1,
      usageDate: '2026-01-01',
    },
  ],
});

/**
 * Plays one fault. Returns true when the fault answered (or deliberately did not answer) the
 * request, false when normal handling should continue (after a delay).
 */
export async function applyFault(
  action: FaultAction,
  x: Exchange,
  env: FaultEnv,
): Promise<boolean> {
  const { res } = x;
  switch (action.kind) {
    case 'delay':
      await env.wait(action.ms);
      return false;
    case 'hang':
      return true; // keep the socket open; close() or the client ends it
    case 'reset':
      x.req.socket.destroy();
      return true;
    case 'reset-mid-body':
      // Promise the whole body, deliver half, then drop the connection.
      res.writeHead(200, {
        'Content-Type': ATLAS_JSON,
        'Content-Length': String(FULL_BODY.length),
      });
      x.log.status = 200;
      res.write(FULL_BODY.slice(0, FULL_BODY.length >> 1), () => x.req.socket.destroy());
      return true;
    case 'malformed-json':
      sendRaw(
        x,
        200,
        { 'Content-Type': ATLAS_JSON },
        '{"usageDetails":[{"usageDate":"2026-01-01",,}',
      );
      return true;
    case 'redirect':
      sendRaw(x, action.status ?? 302, { Location: action.location }, '');
      return true;
    case 'status':
      sendStatus(x, action, env);
      return true;
  }
}

function sendStatus(
  x: Exchange,
  action: Extract<FaultAction, { kind: 'status' }>,
  env: FaultEnv,
): void {
  const defaults: Record<string, string> =
    action.status === 429
      ? {
          'Retry-After': '1',
          'RateLimit-Limit': String(env.rateLimitCapacity),
          'RateLimit-Remaining': '0',
        }
      : {};
  const body =
    action.body ??
    (x.route === 'oauthToken' ? oauthError(action.status) : defaultBodyFor(action.status));
  const isText = typeof body === 'string';
  const contentType = isText ? 'text/plain' : action.status >= 400 ? ERROR_JSON : ATLAS_JSON;
  const text = isText ? body : JSON.stringify(body);
  sendRaw(x, action.status, { 'Content-Type': contentType, ...defaults, ...action.headers }, text);
}

const defaultBodyFor = (status: number) => (status >= 400 ? defaultApiError(status) : {});

/** The token endpoint speaks RFC 6749 errors, not ApiError. */
function oauthError(status: number): unknown {
  if (status < 400) return {};
  const error =
    status === 400
      ? 'invalid_request'
      : status === 401
        ? 'invalid_client'
        : status === 403
          ? 'access_denied'
          : status >= 500
            ? 'server_error'
            : 'temporarily_unavailable';
  return { error, error_description: `Simulated ${status}.` };
}

function sendRaw(x: Exchange, status: number, headers: Record<string, string>, text: string): void {
  x.res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
  x.res.end(text);
}

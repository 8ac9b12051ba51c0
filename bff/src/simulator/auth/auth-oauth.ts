import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sendText, type Exchange } from '../http-io';
import type { SimCredentials } from '../types';

/**
 * Service-account OAuth 2.0 (client credentials), as Atlas documents it: `POST /api/oauth/token`
 * with HTTP Basic client authentication and `grant_type=client_credentials`. Access tokens are
 * opaque to clients; Atlas issues JWTs, so ours look like one (unsigned content, random tail).
 */
export class OAuthTokens {
  private tokens = new Map<string, number>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly nowMs: () => number,
  ) {}

  mint(clientId: string): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    const issuedAt = this.nowMs();
    const expiresAt = issuedAt + this.ttlSeconds * 1000;
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = [
      part({ alg: 'HS256', typ: 'JWT' }),
      part({ sub: clientId, iat: Math.floor(issuedAt / 1000), exp: Math.floor(expiresAt / 1000) }),
      randomBytes(32).toString('base64url'),
    ].join('.');
    for (const [old, expiry] of this.tokens) if (expiry <= issuedAt) this.tokens.delete(old);
    this.tokens.set(token, expiresAt);
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds };
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  check(token: string): 'valid' | 'expired' | 'unknown' {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'unknown';
    return this.nowMs() < expiresAt ? 'valid' : 'expired';
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendOAuth(
  x: Exchange,
  status: number,
  body: object,
  headers: Record<string, string> = {},
) {
  sendText(x, status, JSON.stringify(body), 'application/json', {
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...headers,
  });
}

function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: id and secret are form-encoded before base64 (the Go SDK does this).
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return [unescape(decoded.slice(0, colon)), unescape(decoded.slice(colon + 1))];
}

export function handleTokenRequest(x: Exchange, tokens: OAuthTokens, creds: SimCredentials): void {
  if (x.method !== 'POST') {
    sendOAuth(
      x,
      405,
      { error: 'invalid_request', error_description: 'Use POST.' },
      { Allow: 'POST' },
    );
    return;
  }
  const client = basicCredentials(x.req.headers.authorization);
  if (
    !client ||
    !safeEqual(client[0], creds.clientId) ||
    !safeEqual(client[1], creds.clientSecret)
  ) {
    sendOAuth(
      x,
      401,
      { error: 'invalid_client', error_description: 'Client authentication failed.' },
      { 'WWW-Authenticate': 'Basic realm="oauth"' },
    );
    return;
  }
  const contentType = x.req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    sendOAuth(x, 400, {
      error: 'invalid_request',
      error_description: 'Content-Type must be application/x-www-form-urlencoded.',
    });
    return;
  }
  const grant = new URLSearchParams(x.body).get('grant_type');
  if (grant === null) {
    sendOAuth(x, 400, { error: 'invalid_request', error_description: 'grant_type is required.' });
    return;
  }
  if (grant !== 'client_credentials') {
    sendOAuth(x, 400, {
      error: 'unsupported_grant_type',
      error_description: 'Only client_credentials is supported.',
    });
    return;
  }
  sendOAuth(x, 200, tokens.mint(client[0]));
}

/** `POST /api/oauth/revoke` with `token=…` (the Go SDK revokes tokens it no longer needs). */
export function handleRevokeRequest(x: Exchange, tokens: OAuthTokens, creds: SimCredentials): void {
  const client = basicCredentials(x.req.headers.authorization);
  if (
    !client ||
    !safeEqual(client[0], creds.clientId) ||
    !safeEqual(client[1], creds.clientSecret)
  ) {
    sendOAuth(x, 401, {
      error: 'invalid_client',
      error_description: 'Client authentication failed.',
    });
    return;
  }
  const token = new URLSearchParams(x.body).get('token');
  if (token) tokens.revoke(token);
  sendText(x, 200, '', 'application/json');
}

import type { DigestAuth } from './auth-digest';
import type { OAuthTokens } from './auth-oauth';
import { fail } from '../errors';
import type { Exchange } from '../http-io';

export interface Authenticators {
  oauth: OAuthTokens;
  digest: DigestAuth;
}

/**
 * Every /api/atlas request needs a Bearer token from /api/oauth/token or a valid Digest response.
 * Failing that: 401 with a fresh Digest challenge (the v1 docs show this exact header and the
 * ISO-8859-1 JSON content type). The body's errorCode and detail are [UNVERIFIED].
 */
export function authenticate(x: Exchange, auth: Authenticators): void {
  const header = x.req.headers.authorization ?? '';
  let stale = false;
  let detail = 'You are not authorized for this resource.';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) {
    const state = auth.oauth.check(bearer[1]);
    if (state === 'valid') return;
    if (state === 'expired') detail = 'The access token has expired.';
  } else if (/^Digest\s/i.test(header)) {
    const result = auth.digest.verify(header, x.method, x.rawUrl);
    if (result === 'valid') return;
    stale = result === 'stale';
  }
  throw fail(401, 'UNAUTHORIZED', detail, {
    headers: { 'WWW-Authenticate': auth.digest.challenge(stale) },
    contentType: 'application/json;charset=ISO-8859-1',
  });
}

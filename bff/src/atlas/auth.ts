import { DigestNonceCache, digestAuthorization, parseDigestChallenge } from './digest';
import { AtlasAuthError } from './errors';
import { sendRaw, type RawRequest, type RawResponse, type RawResult } from './http';
import type { TokenSource } from './oauth';
import type { Send } from './wire-log';
import { toApiError } from './responses';

/** Sends one request with credentials, answering Atlas's 401s as the scheme requires. */
export interface Authenticator {
  send(req: RawRequest): Promise<RawResult>;
  /** Values that must never appear in messages or logs. */
  secrets(): string[];
}

const withAuthorization = (req: RawRequest, value: string): RawRequest => ({
  ...req,
  headers: { ...req.headers, authorization: value },
});

const isUnauthorized = (res: RawResult): res is RawResponse =>
  res.kind === 'response' && res.status === 401;

/**
 * Bearer tokens from the service account. A 401 means the token was revoked or expired
 * early: re-mint once and retry once, never loop (a second 401 is returned as is).
 */
export function bearerAuthenticator(tokens: TokenSource, send: Send = sendRaw): Authenticator {
  return {
    async send(req) {
      const first = await tokens.getToken();
      const res = await send(withAuthorization(req, `Bearer ${first}`));
      if (!isUnauthorized(res)) return res;
      tokens.invalidate(first);
      return send(withAuthorization(req, `Bearer ${await tokens.getToken()}`));
    },
    secrets: () => tokens.secrets(),
  };
}

function digestChallenges(rawHeaders: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'www-authenticate') values.push(rawHeaders[i + 1] ?? '');
  }
  return values;
}

/**
 * HTTP Digest with an API key pair. The first request of a nonce costs a 401 challenge; later
 * ones reuse the cached nonce with the next `nc`. A 401 that answers a fresh challenge means
 * the keys are wrong, unless Atlas flags the nonce `stale`, which earns one more try.
 */
export function digestAuthenticator(
  publicKey: string,
  privateKey: string,
  send: Send = sendRaw,
): Authenticator {
  const nonces = new DigestNonceCache();
  const authorize = (req: RawRequest) => {
    const entry = nonces.next();
    if (!entry) return req;
    const uri = `${req.url.pathname}${req.url.search}`;
    const value = digestAuthorization({
      challenge: entry.challenge,
      nc: entry.nc,
      username: publicKey,
      password: privateKey,
      method: req.method,
      uri,
    });
    return withAuthorization(req, value);
  };
  return {
    async send(req) {
      let res = await send(authorize(req));
      let answeredFresh = false;
      for (let round = 0; round < 2 && isUnauthorized(res); round += 1) {
        const challenge = parseDigestChallenge(digestChallenges(res.rawHeaders));
        if (!challenge) return res; // a plain 401: surfaced as an AtlasApiError
        if (answeredFresh && !challenge.stale) {
          throw new AtlasAuthError(req.operation, 401, toApiError(req.operation, res, 0).errorCode);
        }
        nonces.remember(challenge);
        res = await send(authorize(req));
        answeredFresh = true;
      }
      return res;
    },
    secrets: () => [privateKey],
  };
}

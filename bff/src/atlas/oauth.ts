import { AtlasAuthError, AtlasProtocolError } from './errors';
import { sendRaw, type RawResponse } from './http';
import { parseJsonBody, parseShape, toApiError } from './responses';
import { oauthErrorSchema, tokenResponseSchema } from './schemas';
import type { Send } from './wire-log';

export interface TokenSourceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  userAgent: string;
  now: () => number;
  logger?: { debug(obj: object, msg?: string): void };
  /** The raw sender (the wire recorder wraps it); `sendRaw` by default. */
  send?: Send;
}

export interface TokenSource {
  /** A valid access token; concurrent callers share one mint (single flight). */
  getToken(): Promise<string>;
  /** Drops `token` if it is still the cached one, so a burst of 401s re-mints once. */
  invalidate(token: string): void;
  /** Values that must never appear in messages or logs. */
  secrets(): string[];
}

/** Refresh this long before expiry; short-lived tokens refresh at half their life instead. */
const REFRESH_MARGIN_MS = 60_000;
const OPERATION = 'POST /api/oauth/token';

/**
 * RFC 6749 §2.3.1: id and secret are form-encoded before Basic, as the Go SDK's oauth2 client
 * does (a no-op for Atlas's usual `mdb_sa_…` values, but a `+` or `%` must survive).
 */
function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Service-account tokens (OAuth2 client credentials). Atlas caps a service account at 100
 * live tokens and tokens cannot be refreshed, so one is minted, cached and re-minted shortly
 * before `expires_in` runs out.
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const basic = Buffer.from(
    `${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`,
    'utf8',
  ).toString('base64');
  const url = new URL(`${options.baseUrl}/api/oauth/token`);
  const body = 'grant_type=client_credentials';
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  const recentTokens: string[] = []; // for scrubbing: an old token may still be in flight

  const requestOnce = async (): Promise<RawResponse> => {
    const res = await (options.send ?? sendRaw)({
      url,
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
        accept: 'application/json',
        'user-agent': options.userAgent,
      },
      body,
      timeoutMs: options.timeoutMs,
      operation: OPERATION,
    });
    if (res.kind !== 'response') throw new AtlasProtocolError(OPERATION, 'interim answer only');
    const { status } = res;
    if (status === 200) return res;
    if (status >= 300 && status < 400) {
      throw new AtlasProtocolError(OPERATION, `redirect ${status} not followed`, status);
    }
    // Throttling and outages may pass (the services' retry policy tries again); anything else
    // means the credentials were refused.
    if (status === 429 || status >= 500) throw toApiError(OPERATION, res, options.now());
    let code: string | undefined;
    try {
      code = oauthErrorSchema.parse(JSON.parse(res.body)).error;
    } catch {
      code = undefined;
    }
    throw new AtlasAuthError(OPERATION, status, code);
  };

  const mint = async (): Promise<string> => {
    const startedAt = options.now();
    const res = await requestOnce();
    const parsed = parseShape(OPERATION, tokenResponseSchema, parseJsonBody(OPERATION, res), 200);
    const ttlMs = parsed.expires_in * 1000;
    // Measured from before the request, so network time only makes us refresh earlier.
    recentTokens.unshift(parsed.access_token);
    recentTokens.length = Math.min(recentTokens.length, 3);
    cached = {
      token: parsed.access_token,
      refreshAt: startedAt + ttlMs - Math.min(REFRESH_MARGIN_MS, ttlMs / 2),
    };
    options.logger?.debug({ operation: OPERATION, expiresInS: parsed.expires_in }, 'minted token');
    return parsed.access_token;
  };

  return {
    getToken() {
      if (cached && options.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= mint().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
    secrets() {
      return [options.clientSecret, basic, ...recentTokens];
    },
  };
}

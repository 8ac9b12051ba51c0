import { performance } from 'node:perf_hooks';
import { bearerAuthenticator, digestAuthenticator, type Authenticator } from './auth';
import { scrubSecrets } from './errors';
import { sendRaw, type RawResponse } from './http';
import { createTokenSource } from './oauth';
import { assertSuccess, rateLimitOf } from './responses';
import type { AtlasClientOptions } from './types';
import { recordingSend } from './wire-log';

/** The only version the Cost Explorer and picker operations have ever had. */
export const ATLAS_MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json';
const DEFAULT_USER_AGENT = 'atlas-cost-explorer-bff/0.1';

export interface ApiCall {
  method: 'GET' | 'POST';
  /** Path with ids already validated and encoded. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Method and path for messages and logs, with the query token masked. */
  operation: string;
  /** Only for the usage poll: makes a 102 count as "processing". */
  processingGraceMs?: number;
  signal?: AbortSignal;
}

export interface Transport {
  /** A 2xx response, or "processing" for a poll; anything else is thrown as a typed error. */
  call(call: ApiCall): Promise<RawResponse | { kind: 'processing' }>;
  /** Replaces known secrets in an error's message (defence in depth). */
  scrub<T>(err: T): T;
}

export function createTransport(options: AtlasClientOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const { logger } = options;
  const { credentials } = options;
  // Every exchange (token mints and Digest challenges too) passes here, so the recorder sees all.
  const send = options.wireLog ? recordingSend(sendRaw, options.wireLog) : sendRaw;
  const auth: Authenticator =
    credentials.kind === 'service-account'
      ? bearerAuthenticator(
          createTokenSource({
            baseUrl,
            clientId: credentials.clientId,
            clientSecret: credentials.clientSecret,
            timeoutMs: options.timeoutMs,
            userAgent,
            now,
            logger,
            send,
          }),
          send,
        )
      : digestAuthenticator(credentials.publicKey, credentials.privateKey, send);

  const scrub = <T>(err: T): T => scrubSecrets(err, auth.secrets());

  async function call(spec: ApiCall) {
    const url = new URL(`${baseUrl}${spec.path}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) url.searchParams.set(key, value);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    // Only headers we set ourselves go upstream; nothing is forwarded from the browser.
    const headers: Record<string, string> = { accept: ATLAS_MEDIA_TYPE, 'user-agent': userAgent };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    // One attempt per call: retries belong to the services (cockatiel), where the circuit
    // breaker and the per-org budget see every single call.
    try {
      const started = performance.now();
      const res = await auth.send({
        url,
        method: spec.method,
        headers,
        body,
        timeoutMs: options.timeoutMs,
        processingGraceMs: spec.processingGraceMs,
        signal: spec.signal,
        operation: spec.operation,
      });
      const ms = Math.round(performance.now() - started);
      if (res.kind === 'processing') {
        logger?.debug({ operation: spec.operation, ms, processing: true }, 'atlas call');
        return res;
      }
      logger?.debug({ operation: spec.operation, ms, status: res.status }, 'atlas call');
      const rateLimit = rateLimitOf(res.headers);
      options.onResponseMeta?.({
        status: res.status,
        rateLimitLimit: rateLimit?.limit,
        rateLimitRemaining: rateLimit?.remaining,
      });
      assertSuccess(spec.operation, res, now());
      return res;
    } catch (err) {
      throw scrub(err);
    }
  }

  return { call, scrub };
}

import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { AtlasNetworkError, AtlasProtocolError, AtlasTimeoutError } from './errors';

/*
 * Why this is hand-written on node:http: Atlas's usage poll may answer with a bare HTTP 102,
 * an interim status that global fetch (undici) never surfaces (it hangs, or fails with
 * UND_ERR_SOCKET when the peer closes). node:http reports it as an 'information' event. No
 * client library exposes 1xx responses together with Digest auth and our own timeout
 * policy, so this small layer owns the socket and nothing else does.
 */

export interface RawRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Budget for the whole exchange: connect, final headers and body. */
  timeoutMs: number;
  /** Set on polls: after a 102, wait this long for a final answer, then report "processing". */
  processingGraceMs?: number;
  signal?: AbortSignal;
  /** Label for error messages: method and path template, never a secret or query token. */
  operation: string;
  /** Told what the result alone cannot say: interim statuses, and how "processing" came about. */
  observer?: ExchangeObserver;
}

export interface ExchangeObserver {
  interim?(status: number, headers: IncomingHttpHeaders): void;
  /** `closed`: the connection ended after a 102; `held`: no final answer within the grace. */
  processing?(how: 'closed' | 'held'): void;
}

export interface RawResponse {
  kind: 'response';
  status: number;
  headers: IncomingHttpHeaders;
  /** Kept because Node joins repeated WWW-Authenticate headers into one string. */
  rawHeaders: string[];
  body: string;
}

export type RawResult = RawResponse | { kind: 'processing' };

const PROCESSING: RawResult = { kind: 'processing' };

/** Far above any Cost Explorer result seen; stops a broken upstream from filling memory. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function sendRaw(req: RawRequest): Promise<RawResult> {
  return new Promise<RawResult>((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(asError(req.signal.reason));
      return;
    }
    const transport = req.url.protocol === 'https:' ? https : http;
    const request = transport.request(req.url, { method: req.method, headers: req.headers });
    let settled = false;
    let processing = false; // a 102 arrived and no final response has started yet
    let responded = false;
    let graceTimer: NodeJS.Timeout | undefined;

    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      req.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    // Abandoning an exchange closes its socket so a held-open 102 never lingers.
    const abandon = (outcome: () => void) => {
      settle(outcome);
      request.destroy();
    };
    const stillProcessing = (how: 'closed' | 'held') =>
      abandon(() => {
        req.observer?.processing?.(how);
        resolve(PROCESSING);
      });
    const failed = (err: NodeJS.ErrnoException) => {
      // After a 102, a closed or reset connection is Atlas's way of saying "not yet".
      if (processing) stillProcessing('closed');
      else abandon(() => reject(new AtlasNetworkError(req.operation, err.code, { cause: err })));
    };
    const onAbort = () => abandon(() => reject(asError(req.signal?.reason)));

    const deadline = setTimeout(() => {
      if (processing) stillProcessing('held');
      else abandon(() => reject(new AtlasTimeoutError(req.operation, req.timeoutMs)));
    }, req.timeoutMs);
    req.signal?.addEventListener('abort', onAbort, { once: true });

    request.on('information', (info) => {
      req.observer?.interim?.(info.statusCode, info.headers);
      if (info.statusCode !== 102 || req.processingGraceMs === undefined || processing) return;
      processing = true;
      graceTimer = setTimeout(() => stillProcessing('held'), req.processingGraceMs);
    });

    request.on('response', (res) => {
      responded = true;
      processing = false;
      clearTimeout(graceTimer);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        else abandon(() => reject(new AtlasProtocolError(req.operation, 'body too large')));
      });
      res.on('end', () =>
        settle(() =>
          resolve({
            kind: 'response',
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        ),
      );
      res.on('error', failed);
      res.on('close', () => {
        if (!res.complete)
          failed(Object.assign(new Error('body cut short'), { code: 'ECONNRESET' }));
      });
    });

    request.on('error', failed);
    request.on('close', () => {
      if (!responded) failed(Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }));
    });
    request.end(req.body);
  });
}

/** AbortSignal reasons are usually DOMExceptions (Errors); anything else is wrapped. */
function asError(reason: unknown): Error {
  return reason instanceof Error
    ? reason
    : new Error(typeof reason === 'string' ? reason : 'aborted');
}

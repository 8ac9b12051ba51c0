import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** Test-only HTTP helpers: node:http (never fetch, which hides 102) and raw sockets. */

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Status codes of interim (1xx) responses seen before the final one. */
  informational: number[];
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called on each interim response, e.g. to move a fake clock once the server is waiting. */
  onInformation?: (status: number) => void;
}

export function request(url: string, options: RequestOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const informational: number[] = [];
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            informational,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('information', (info) => {
      informational.push(info.statusCode);
      options.onInformation?.(info.statusCode);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends raw bytes and returns everything the server wrote until it closed the connection. */
export function rawExchange(url: string, payload: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(payload));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/**
 * A request whose interim responses and socket fate are recorded instead of awaited: for the
 * 102 forms that never (or only later) produce a final response.
 */
export function openRequest(url: string, options: RequestOptions = {}) {
  const events: string[] = [];
  const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers });
  let informed: (status: number) => void = () => undefined;
  const information = new Promise<number>((resolve) => (informed = resolve));
  const settled = new Promise<string[]>((resolve) => {
    req.on('information', (info) => {
      events.push(`information ${info.statusCode}`);
      informed(info.statusCode);
    });
    req.on('response', (res) => {
      events.push(`response ${res.statusCode}`);
      res.resume();
      res.on('end', () => resolve(events));
      res.on('error', () => resolve([...events, 'error']));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      events.push(`error ${error.code ?? error.message}`);
      resolve(events);
    });
  });
  req.end(options.body);
  return { events, information, settled, abort: () => req.destroy() };
}

/** Real time, for the rare test that must show "nothing happened"; keep it to a few ms. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

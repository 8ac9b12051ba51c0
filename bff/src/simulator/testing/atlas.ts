import { createHash, randomBytes } from 'node:crypto';
import { DEMO_CREDENTIALS } from '../auth/credentials';
import { ATLAS_JSON } from '../http-io';
import { createSimulator } from '../server';
import type { Simulator, SimulatorOptions } from '../types';
import { fakeClock, type FakeClock } from './clock';
import { request, type HttpResult } from './http';

export { ATLAS_CSV, ATLAS_JSON } from '../http-io';

export interface Harness {
  sim: Simulator;
  url: string;
  clock: FakeClock;
}

/** A listening simulator on port 0 with a fake clock and instant processing unless overridden. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Harness> {
  const clock = fakeClock();
  const sim = createSimulator({ now: clock.now, processingMs: 0, ...options });
  const url = await sim.listen(0);
  return { sim, url, clock };
}

export const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export async function mintToken(url: string): Promise<string> {
  const res = await request(`${url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(DEMO_CREDENTIALS.clientId, DEMO_CREDENTIALS.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return `Bearer ${res.json<{ access_token: string }>().access_token}`;
}

/** An authenticated Atlas call with the versioned Accept header. */
export function atlas(
  url: string,
  auth: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const hasBody = init.body !== undefined;
  return request(`${url}${path}`, {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: {
      authorization: auth,
      accept: ATLAS_JSON,
      ...(hasBody && { 'content-type': ATLAS_JSON }),
      ...init.headers,
    },
    body: hasBody
      ? typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body)
      : undefined,
  });
}

export const usagePath = (orgId: string, token?: string) =>
  `/api/atlas/v2/orgs/${orgId}/billing/costExplorer/usage${token ? `/${token}` : ''}`;

/** Creates a query and returns its token (expects 202). */
export async function createQuery(
  h: Harness,
  auth: string,
  orgId: string,
  body: unknown,
): Promise<string> {
  const res = await atlas(h.url, auth, usagePath(orgId), { body });
  if (res.status !== 202) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.json<{ token: string }>().token;
}

/** Builds a Digest Authorization header for one request (RFC 2617, MD5, qop=auth). */
export function digestAuthorization(
  challenge: string,
  method: string,
  uri: string,
  user: string,
  password: string,
  nc = '00000001',
): string {
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
  const realm = field('realm');
  const nonce = field('nonce');
  const cnonce = randomBytes(8).toString('hex');
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const response = md5(
    `${md5(`${user}:${realm}:${password}`)}:${nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${uri}`)}`,
  );
  return `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

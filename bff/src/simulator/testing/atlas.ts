import { createHash, randomBytes } from 'node:crypto';
import { DEMO_CREDENTIALS } from '../auth/credentials';
import { ATLAS_JSON } from '../http-io';
import { createSimulator } from '../server';
import type { Simulator, SimulatorOptions } from '../types';
import { fakeClock, type FakeClock } from './clock';
import { request, type HttpResult } from './http';

export { ATLAS_CSV, ATLAS_JSON } from '../http-io';

export interface AtlasInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A listening simulator and the calls a test makes against it. */
export interface Harness {
  sim: Simulator;
  url: string;
  clock: FakeClock;
  /** Mints a Bearer token for the demo service account (the Authorization value). */
  token(): Promise<string>;
  /** An Atlas call with the versioned Accept header, as `auth` (any Authorization value). */
  atlas(auth: string, path: string, init?: AtlasInit): Promise<HttpResult>;
}

/** A harness signed in as the demo service account, looking at the paying organization. */
export interface Session extends Harness {
  auth: string;
  orgId: string;
  /** Creates a query (expects 202) and returns its token; the paying organization by default. */
  createQuery(body: unknown, orgId?: string): Promise<string>;
}

/** A listening simulator on port 0 with a fake clock and instant processing unless overridden. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Harness> {
  const clock = fakeClock();
  const sim = createSimulator({ now: clock.now, processingMs: 0, ...options });
  const url = await sim.listen(0);
  return {
    sim,
    url,
    clock,
    token: () => mintToken(url),
    atlas: (auth, path, init) => atlas(url, auth, path, init),
  };
}

/** `startSimulator` plus a minted token: what most tests of the Atlas endpoints start from. */
export async function startSession(options: SimulatorOptions = {}): Promise<Session> {
  const h = await startSimulator(options);
  const auth = await h.token();
  const orgId = h.sim.dataset.payingOrgId;
  return {
    ...h,
    auth,
    orgId,
    async createQuery(body, queryOrgId = orgId) {
      const res = await h.atlas(auth, usagePath(queryOrgId), { body });
      if (res.status !== 202) throw new Error(`create failed: ${res.status} ${res.text}`);
      return res.json<{ token: string }>().token;
    },
  };
}

export const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function mintToken(url: string): Promise<string> {
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

function atlas(url: string, auth: string, path: string, init: AtlasInit = {}): Promise<HttpResult> {
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

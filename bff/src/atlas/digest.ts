import { createHash, randomBytes } from 'node:crypto';

/*
 * HTTP Digest (RFC 7616 / 2617) for Atlas API keys, hand-rolled because the maintained
 * libraries either wrap fetch (which cannot see a 102) or log the Authorization header in
 * debug mode. Atlas challenges with MD5 and qop="auth"; SHA-256 costs nothing extra.
 */

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: string;
  /** `auth` when offered; undefined means the legacy RFC 2069 form without qop. */
  qop?: 'auth';
  stale: boolean;
}

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'MD5-SESS': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-SESS': 'sha256',
};

/** Finds a Digest challenge we can answer among the response's WWW-Authenticate headers. */
export function parseDigestChallenge(headerValues: readonly string[]): DigestChallenge | undefined {
  for (const value of headerValues) {
    const match = /^\s*Digest\s+(.*)$/is.exec(value);
    if (!match?.[1]) continue;
    const params = new Map<string, string>();
    for (const m of match[1].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
      if (m[1]) params.set(m[1].toLowerCase(), (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
    }
    const realm = params.get('realm');
    const nonce = params.get('nonce');
    const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
    if (realm === undefined || !nonce || !HASHES[algorithm]) continue;
    const qops = params
      .get('qop')
      ?.split(',')
      .map((q) => q.trim().toLowerCase());
    if (qops && !qops.includes('auth')) continue; // auth-int only: we do not hash bodies
    return {
      realm,
      nonce,
      opaque: params.get('opaque'),
      algorithm,
      qop: qops ? 'auth' : undefined,
      stale: params.get('stale')?.toLowerCase() === 'true',
    };
  }
  return undefined;
}

export interface DigestInput {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  /** The request-target exactly as sent: path plus query. */
  uri: string;
  nc: number;
  cnonce?: string;
}

const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/** Builds the `Authorization: Digest …` value for one request. */
export function digestAuthorization(input: DigestInput): string {
  const { challenge: ch, method, uri } = input;
  const hashName = HASHES[ch.algorithm] ?? 'md5';
  const h = (text: string) => createHash(hashName).update(text, 'utf8').digest('hex');
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const nc = input.nc.toString(16).padStart(8, '0');
  let ha1 = h(`${input.username}:${ch.realm}:${input.password}`);
  if (ch.algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${ch.nonce}:${cnonce}`);
  const ha2 = h(`${method}:${uri}`);
  const response = ch.qop
    ? h(`${ha1}:${ch.nonce}:${nc}:${cnonce}:${ch.qop}:${ha2}`)
    : h(`${ha1}:${ch.nonce}:${ha2}`);
  const parts = [
    `username=${quote(input.username)}`,
    `realm=${quote(ch.realm)}`,
    `nonce=${quote(ch.nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${ch.algorithm}`,
    `response=${quote(response)}`,
  ];
  if (ch.opaque !== undefined) parts.push(`opaque=${quote(ch.opaque)}`);
  if (ch.qop) parts.push(`qop=${ch.qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * Remembers the latest challenge per realm so later requests skip the 401 round trip; every
 * request on a nonce gets the next `nc`, as the server's replay check expects.
 */
export class DigestNonceCache {
  private readonly byRealm = new Map<string, { challenge: DigestChallenge; nc: number }>();
  private lastRealm: string | undefined;

  remember(challenge: DigestChallenge): void {
    this.byRealm.set(challenge.realm, { challenge, nc: 0 });
    this.lastRealm = challenge.realm;
  }

  /** The challenge to answer pre-emptively and the next nonce count, if one is cached. */
  next(): { challenge: DigestChallenge; nc: number } | undefined {
    const entry = this.lastRealm === undefined ? undefined : this.byRealm.get(this.lastRealm);
    if (!entry) return undefined;
    entry.nc += 1;
    return { challenge: entry.challenge, nc: entry.nc };
  }
}

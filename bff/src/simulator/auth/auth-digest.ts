import { createHash, randomBytes } from 'node:crypto';
import { safeEqual } from './auth-oauth';

/**
 * HTTP Digest (RFC 7616 with RFC 2617's MD5 + qop=auth), the legacy Atlas API-key scheme:
 * username = public key, password = private key, realm "MMS Public API". Nonces are ours, expire
 * on the simulator's clock (then the challenge says stale=true so clients retry silently), and an
 * exact (nonce, nc, cnonce) replay is refused.
 */
export const DIGEST_REALM = 'MMS Public API';
/** Atlas does not publish its nonce lifetime; "a few minutes" is the working assumption. */
export const NONCE_TTL_MS = 5 * 60_000;
const MAX_NONCES = 10_000;

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

interface NonceState {
  issuedAt: number;
  seen: Set<string>;
}

export type DigestResult = 'valid' | 'stale' | 'invalid';

export class DigestAuth {
  private nonces = new Map<string, NonceState>();

  constructor(
    private readonly publicKey: string,
    private readonly privateKey: string,
    private readonly nowMs: () => number,
  ) {}

  /** The WWW-Authenticate value, in the field order the Atlas docs show. */
  challenge(stale: boolean): string {
    const now = this.nowMs();
    const nonce = randomBytes(24).toString('base64');
    for (const [old, state] of this.nonces) {
      if (now - state.issuedAt > 2 * NONCE_TTL_MS) this.nonces.delete(old);
    }
    if (this.nonces.size >= MAX_NONCES) this.nonces.clear();
    this.nonces.set(nonce, { issuedAt: now, seen: new Set() });
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  verify(header: string, method: string, rawUrl: string): DigestResult {
    const p = parseDigest(header);
    if (!p) return 'invalid';
    const { username, realm, nonce, uri, response, qop, nc, cnonce, algorithm } = p;
    if (!username || !nonce || !response || !nc || !cnonce) return 'invalid';
    if (realm !== DIGEST_REALM || uri !== rawUrl || qop !== 'auth') return 'invalid';
    if (algorithm !== undefined && algorithm.toUpperCase() !== 'MD5') return 'invalid';
    if (!safeEqual(username, this.publicKey)) return 'invalid';
    const ha1 = md5(`${username}:${realm}:${this.privateKey}`);
    const ha2 = md5(`${method}:${uri}`);
    const expected = md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
    if (!safeEqual(expected, response.toLowerCase())) return 'invalid';
    // The hash is right; now is the nonce still ours and fresh?
    const state = this.nonces.get(nonce);
    if (!state || this.nowMs() - state.issuedAt > NONCE_TTL_MS) return 'stale';
    const use = `${nc}:${cnonce}`;
    if (state.seen.has(use)) return 'invalid';
    state.seen.add(use);
    return 'valid';
  }
}

/** Parses `Digest k=v, k="v", …` (quoted values may contain commas and escaped quotes). */
export function parseDigest(header: string): Record<string, string> | undefined {
  const match = /^Digest\s+(.*)$/is.exec(header);
  if (!match?.[1]) return undefined;
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(match[1])) !== null) {
    if (m[0] === '') break;
    const key = m[1]?.toLowerCase();
    if (key) out[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return out;
}

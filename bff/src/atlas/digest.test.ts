import { describe, expect, it } from 'vitest';
import { DigestNonceCache, digestAuthorization, parseDigestChallenge } from './digest';

const ATLAS_CHALLENGE =
  'Digest realm="MMS Public API", domain="", nonce="abc123", algorithm=MD5, qop="auth", stale=false';

describe('Digest challenges', () => {
  it('reads the challenge Atlas sends for API keys', () => {
    expect(parseDigestChallenge([ATLAS_CHALLENGE])).toEqual({
      realm: 'MMS Public API',
      nonce: 'abc123',
      opaque: undefined,
      algorithm: 'MD5',
      qop: 'auth',
      stale: false,
    });
  });

  it('skips challenges of other schemes and picks the Digest one', () => {
    const found = parseDigestChallenge([
      'Bearer realm="x"',
      ATLAS_CHALLENGE.replace('false', 'TRUE'),
    ]);
    expect(found?.stale).toBe(true);
  });

  it('ignores a challenge that offers only auth-int or an unknown algorithm', () => {
    expect(parseDigestChallenge(['Digest realm="r", nonce="n", qop="auth-int"'])).toBeUndefined();
    expect(parseDigestChallenge(['Digest realm="r", nonce="n", algorithm=SHA-1'])).toBeUndefined();
  });
});

describe('Digest responses', () => {
  it('computes the RFC 2617 §3.5 example response', () => {
    const challenge = parseDigestChallenge([
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    ]);
    const header = digestAuthorization({
      challenge: challenge!,
      username: 'Mufasa',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nc: 1,
      cnonce: '0a4f113b',
    });
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('nc=00000001');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    expect(header).not.toContain('Circle Of Life');
  });

  it('counts nc up per request on a cached nonce and restarts on a new challenge', () => {
    const cache = new DigestNonceCache();
    expect(cache.next()).toBeUndefined();
    cache.remember(parseDigestChallenge([ATLAS_CHALLENGE])!);
    expect(cache.next()?.nc).toBe(1);
    expect(cache.next()?.nc).toBe(2);
    cache.remember(parseDigestChallenge([ATLAS_CHALLENGE.replace('abc123', 'def456')])!);
    expect(cache.next()).toMatchObject({ nc: 1, challenge: { nonce: 'def456' } });
  });
});

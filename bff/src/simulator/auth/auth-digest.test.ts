import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { NONCE_TTL_MS } from './auth-digest';
import { DEMO_CREDENTIALS } from './credentials';
import { ATLAS_JSON, digestAuthorization, startSimulator, type Harness } from '../testing/atlas';
import { request } from '../testing/http';

const { publicKey, privateKey } = DEMO_CREDENTIALS;
const ORGS = '/api/atlas/v2/orgs?pageNum=1';

describe('API-key Digest authentication', () => {
  let h: Harness;
  afterEach(() => h.sim.close());

  const get = (headers: Record<string, string> = {}) =>
    request(`${h.url}${ORGS}`, { headers: { accept: ATLAS_JSON, ...headers } });
  const challenge = async () => (await get()).headers['www-authenticate'] as string;

  it("challenges an anonymous request with Atlas's Digest header and an ApiError body", async () => {
    h = await startSimulator();
    const res = await get();
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(
      /^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false$/,
    );
    expect(res.headers['content-type']).toBe('application/json;charset=ISO-8859-1');
    expect(res.json()).toMatchObject({
      error: 401,
      errorCode: 'UNAUTHORIZED',
      reason: 'Unauthorized',
    });
  });

  it('accepts a correct digest response computed from the challenge', async () => {
    h = await startSimulator();
    const authorization = digestAuthorization(
      await challenge(),
      'GET',
      ORGS,
      publicKey,
      privateKey,
    );
    const res = await get({ authorization });
    expect(res.status).toBe(200);
    expect(res.json<{ results: unknown[] }>().results).toHaveLength(3);
  });

  it('rejects a digest response made with the wrong private key', async () => {
    h = await startSimulator();
    const authorization = digestAuthorization(await challenge(), 'GET', ORGS, publicKey, 'wrong');
    const res = await get({ authorization });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/stale=false$/);
  });

  it('rejects a digest whose uri is not the request target as sent', async () => {
    h = await startSimulator();
    const authorization = digestAuthorization(
      await challenge(),
      'GET',
      '/api/atlas/v2/orgs',
      publicKey,
      privateKey,
    );
    expect((await get({ authorization })).status).toBe(401);
  });

  it('answers stale=true once the nonce has expired on the simulator clock', async () => {
    h = await startSimulator();
    const first = await challenge();
    h.clock.advance(NONCE_TTL_MS + 1);
    const res = await get({
      authorization: digestAuthorization(first, 'GET', ORGS, publicKey, privateKey),
    });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/stale=true$/);
  });

  it('lets a client reuse a nonce with a new nonce count but refuses an exact replay', async () => {
    h = await startSimulator();
    const nonce = await challenge();
    const first = digestAuthorization(nonce, 'GET', ORGS, publicKey, privateKey, '00000001');
    expect((await get({ authorization: first })).status).toBe(200);
    const second = digestAuthorization(nonce, 'GET', ORGS, publicKey, privateKey, '00000002');
    expect((await get({ authorization: second })).status).toBe(200);
    expect((await get({ authorization: first })).status).toBe(401);
  });

  it('works with curl --digest, as the research notes recommend for a first live check', async () => {
    h = await startSimulator();
    const { stdout } = await promisify(execFile)('curl', [
      '--silent',
      '--digest',
      '-u',
      `${publicKey}:${privateKey}`,
      '-H',
      `Accept: ${ATLAS_JSON}`,
      '--write-out',
      '\n%{http_code}',
      `${h.url}/api/atlas/v2/orgs`,
    ]);
    const [body = '', status] = stdout.split('\n');
    expect(status).toBe('200');
    expect(JSON.parse(body)).toMatchObject({ totalCount: 3 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from './credentials';
import { basicAuth, startSimulator, type Harness } from '../testing/atlas';
import { request } from '../testing/http';

const FORM = 'application/x-www-form-urlencoded';

describe('service-account OAuth', () => {
  let h: Harness;
  afterEach(() => h.sim.close());

  const tokenRequest = (headers: Record<string, string>, body = 'grant_type=client_credentials') =>
    request(`${h.url}/api/oauth/token`, { method: 'POST', headers, body });
  const demoBasic = basicAuth(DEMO_CREDENTIALS.clientId, DEMO_CREDENTIALS.clientSecret);

  it('issues a Bearer token valid for 3600 seconds to the demo client', async () => {
    h = await startSimulator();
    const res = await tokenRequest({ authorization: demoBasic, 'content-type': FORM });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{ access_token: string; token_type: string; expires_in: number }>();
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.access_token.split('.')).toHaveLength(3);
  });

  it('rejects a wrong client secret with 401 invalid_client', async () => {
    h = await startSimulator();
    const res = await tokenRequest({
      authorization: basicAuth(DEMO_CREDENTIALS.clientId, 'wrong'),
      'content-type': FORM,
    });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('rejects a token request without client authentication', async () => {
    h = await startSimulator();
    const res = await tokenRequest({ 'content-type': FORM });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers 400 unsupported_grant_type for a grant other than client_credentials', async () => {
    h = await startSimulator();
    const res = await tokenRequest(
      { authorization: demoBasic, 'content-type': FORM },
      'grant_type=password',
    );
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers 400 invalid_request when the body is not form-encoded', async () => {
    h = await startSimulator();
    const res = await tokenRequest(
      { authorization: demoBasic, 'content-type': 'application/json' },
      '{"grant_type":"client_credentials"}',
    );
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('accepts the Bearer token until it expires on the simulator clock', async () => {
    h = await startSimulator();
    const auth = await h.token();
    expect((await h.atlas(auth, '/api/atlas/v2/orgs')).status).toBe(200);
    h.clock.advance(3_599_000);
    expect((await h.atlas(auth, '/api/atlas/v2/orgs')).status).toBe(200);
    h.clock.advance(1_000);
    const expired = await h.atlas(auth, '/api/atlas/v2/orgs');
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: 401, detail: 'The access token has expired.' });
  });

  it('issues tokens with the configured lifetime', async () => {
    h = await startSimulator({ tokenTtlSeconds: 60 });
    const res = await tokenRequest({ authorization: demoBasic, 'content-type': FORM });
    expect(res.json()).toMatchObject({ expires_in: 60 });
    const auth = `Bearer ${res.json<{ access_token: string }>().access_token}`;
    h.clock.advance(60_000);
    expect((await h.atlas(auth, '/api/atlas/v2/orgs')).status).toBe(401);
  });

  it('accepts configured credentials instead of the demo ones', async () => {
    const clientId = 'mdb_sa_id_0123456789abcdef01234567';
    h = await startSimulator({ credentials: { clientId, clientSecret: 'custom-secret' } });
    const demo = await tokenRequest({ authorization: demoBasic, 'content-type': FORM });
    expect(demo.status).toBe(401);
    const custom = await tokenRequest({
      authorization: basicAuth(clientId, 'custom-secret'),
      'content-type': FORM,
    });
    expect(custom.status).toBe(200);
  });

  it('rejects an unknown Bearer token with 401 and a Digest challenge', async () => {
    h = await startSimulator();
    const res = await h.atlas('Bearer not-a-token', '/api/atlas/v2/orgs');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Digest realm="MMS Public API"/);
    expect(res.json()).toMatchObject({ error: 401, reason: 'Unauthorized' });
  });

  it('forgets a token revoked through /api/oauth/revoke', async () => {
    h = await startSimulator();
    const auth = await h.token();
    const revoke = await request(`${h.url}/api/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: demoBasic, 'content-type': FORM },
      body: `token=${auth.slice('Bearer '.length)}&token_type_hint=access_token`,
    });
    expect(revoke.status).toBe(200);
    expect((await h.atlas(auth, '/api/atlas/v2/orgs')).status).toBe(401);
  });
});

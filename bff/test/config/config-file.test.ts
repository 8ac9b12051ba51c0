import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configErrorOf, tempDirPerFile } from '../support/config';

const dir = tempDirPerFile('ace-config-file-');

const ORG_A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const ORG_B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const SECRET = 'canary-secret-value-never-printed';
let n = 0;

function fileWith(content: unknown): string {
  const file = path.join(dir, `config-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const problemsOf = (env: Record<string, string>) => configErrorOf(env).problems;

/** Access rules apply only behind a sign-in proxy. */
const PROXY = { AUTH_MODE: 'trusted-proxy', TRUSTED_PROXIES: '127.0.0.1' };

const serviceAccount = (extra: Record<string, unknown> = {}) => ({
  name: 'paying',
  auth: 'service-account',
  clientId: 'mdb_sa_id_x',
  clientSecret: { env: 'PAYING_SECRET' },
  orgIds: [ORG_A],
  ...extra,
});

describe('CONFIG_FILE', () => {
  it('reads connections with secrets from the environment and from files', () => {
    const keyFile = path.join(dir, 'private-key');
    writeFileSync(keyFile, `${SECRET}-key\n`);
    const config = loadConfig({
      CONFIG_FILE: fileWith({
        connections: [
          serviceAccount(),
          {
            name: 'linked',
            auth: 'api-key',
            publicKey: 'abcdefgh',
            privateKey: { file: keyFile },
            orgIds: [ORG_B],
            baseUrl: 'http://127.0.0.1:9999',
          },
        ],
        access: { users: { 'Pat@Example.com': [ORG_A] }, groups: { finance: '*' } },
      }),
      PAYING_SECRET: SECRET,
      ...PROXY,
    });
    expect(config.connections).toEqual([
      {
        name: 'paying',
        baseUrl: 'https://cloud.mongodb.com',
        credentials: { kind: 'service-account', clientId: 'mdb_sa_id_x', clientSecret: SECRET },
        orgIds: [ORG_A],
      },
      {
        name: 'linked',
        baseUrl: 'http://127.0.0.1:9999',
        credentials: { kind: 'api-key', publicKey: 'abcdefgh', privateKey: `${SECRET}-key` },
        orgIds: [ORG_B],
      },
    ]);
    expect(config.access.users.get('pat@example.com')).toEqual([ORG_A]);
    expect(config.access.groups.get('finance')).toBe('*');
  });

  it('refuses a secret written into the file itself', () => {
    const problems = problemsOf({
      CONFIG_FILE: fileWith({ connections: [serviceAccount({ clientSecret: SECRET })] }),
    });
    expect(problems.join('\n')).toMatch(/clientSecret: must be \{ "env"/);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('lists every problem at once: missing secret, bad org id, duplicate names', () => {
    const problems = problemsOf({
      CONFIG_FILE: fileWith({
        connections: [serviceAccount(), serviceAccount({ orgIds: ['not-an-id'] })],
      }),
    });
    expect(problems.join('\n')).toContain('orgIds.0: must be a 24-hex Atlas id');
    const unique = problemsOf({
      CONFIG_FILE: fileWith({ connections: [serviceAccount(), serviceAccount()] }),
    });
    expect(unique.join('\n')).toContain('connection names must be unique');
    const missing = problemsOf({ CONFIG_FILE: fileWith({ connections: [serviceAccount()] }) });
    expect(missing).toEqual([
      'CONFIG_FILE connections.0 (paying): environment variable PAYING_SECRET is not set',
    ]);
  });

  it('says which file is missing or not JSON', () => {
    expect(problemsOf({ CONFIG_FILE: path.join(dir, 'nope.json') })[0]).toMatch(/file not found/);
    expect(problemsOf({ CONFIG_FILE: fileWith('{ nope') })[0]).toMatch(/not valid JSON/);
  });

  it('refuses connections in the file together with ATLAS_* credentials', () => {
    const problems = problemsOf({
      CONFIG_FILE: fileWith({ connections: [serviceAccount()] }),
      PAYING_SECRET: SECRET,
      ATLAS_CLIENT_ID: 'x',
      ATLAS_CLIENT_SECRET: 'y',
    });
    expect(problems.join('\n')).toMatch(/use one or the other/);
  });

  it('keeps the simulator when the file has access rules but no connections', () => {
    const config = loadConfig({
      CONFIG_FILE: fileWith({ access: { users: {}, groups: {} } }),
      ...PROXY,
    });
    expect(config.connections).toBeUndefined();
  });
});

describe('AUTH_MODE', () => {
  it('defaults to none', () => {
    expect(loadConfig({}).auth).toEqual({ mode: 'none' });
  });

  it('needs TRUSTED_PROXIES in trusted-proxy mode, as valid addresses or CIDRs', () => {
    expect(problemsOf({ AUTH_MODE: 'trusted-proxy' })[0]).toMatch(/^TRUSTED_PROXIES: is required/);
    expect(problemsOf({ AUTH_MODE: 'trusted-proxy', TRUSTED_PROXIES: '10.0.0.0/33' })[0]).toMatch(
      /^TRUSTED_PROXIES:/,
    );
    expect(
      loadConfig({ AUTH_MODE: 'trusted-proxy', TRUSTED_PROXIES: '10.0.0.0/8, ::1' }).auth,
    ).toEqual({ mode: 'trusted-proxy', trustedProxies: ['10.0.0.0/8', '::1'] });
  });

  it('names a mode that does not exist', () => {
    expect(problemsOf({ AUTH_MODE: 'oidc' })[0]).toBe('AUTH_MODE: must be none or trusted-proxy');
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/config-network';
import { loadConfig } from '../../src/config';
import { configProblemsOf, tempDirPerFile } from '../support/config';

/** No open-by-default deployment: unsafe combinations stop the server with what to set. */
const dir = tempDirPerFile('ace-config-network-');

const PROXY = { AUTH_MODE: 'trusted-proxy', TRUSTED_PROXIES: '10.0.0.10' };

describe('AUTH_MODE=none', () => {
  it('refuses a non-loopback HOST and says what to set', () => {
    const problems = configProblemsOf({
      HOST: '0.0.0.0',
      PUBLIC_ORIGIN: 'https://costs.example.com',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^HOST: 0\.0\.0\.0 is not a loopback address/);
    expect(problems[0]).toContain('AUTH_MODE=trusted-proxy');
    expect(problems[0]).toContain('ALLOW_UNAUTHENTICATED_NETWORK=true');
  });

  it('starts on a network address only when asked to explicitly', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PUBLIC_ORIGIN: 'https://costs.example.com',
      ALLOW_UNAUTHENTICATED_NETWORK: 'true',
    });
    expect(config.allowUnauthenticatedNetwork).toBe(true);
    expect(loadConfig({}).allowUnauthenticatedNetwork).toBe(false);
  });

  it('refuses access rules it would ignore', () => {
    const file = path.join(dir, 'access.json');
    writeFileSync(file, JSON.stringify({ access: { users: { 'a@example.com': '*' } } }));
    const problems = configProblemsOf({ CONFIG_FILE: file });
    expect(problems).toEqual([
      expect.stringMatching(/^CONFIG_FILE access: .*AUTH_MODE=trusted-proxy/),
    ]);
    expect(configProblemsOf({ CONFIG_FILE: file, ...PROXY, HOST: '127.0.0.1' })).toEqual([]);
  });

  it('runs on loopback as before', () => {
    for (const HOST of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(configProblemsOf({ HOST })).toEqual([]);
    }
  });
});

describe('the Host allow-list', () => {
  it('needs the public origin when listening beyond loopback', () => {
    expect(configProblemsOf({ ...PROXY, HOST: '0.0.0.0' })).toEqual([
      expect.stringMatching(/^PUBLIC_ORIGIN: is required when HOST is not a loopback address/),
    ]);
  });

  it('allows loopback names, the public origin’s host, ALLOWED_HOSTS and a concrete HOST', () => {
    const config = loadConfig({
      ...PROXY,
      HOST: '10.0.0.5',
      PUBLIC_ORIGIN: 'https://Costs.Example.com:8443/',
      ALLOWED_HOSTS: 'ace.internal, ACE-2.internal',
    });
    expect([...config.allowedHosts].sort()).toEqual(
      [
        '10.0.0.5',
        '127.0.0.1',
        '::1',
        'ace-2.internal',
        'ace.internal',
        'costs.example.com',
        'localhost',
      ].sort(),
    );
    expect(loadConfig({}).allowedHosts).toEqual(new Set(['localhost', '127.0.0.1', '::1']));
  });
});

describe('Atlas base URLs', () => {
  it('refuses http:// to anything but loopback, in the environment and in connections', () => {
    expect(configProblemsOf({ ATLAS_BASE_URL: 'http://cloud.mongodb.com' })).toEqual([
      expect.stringMatching(/^ATLAS_BASE_URL: must be https:\/\//),
    ]);
    expect(configProblemsOf({ ATLAS_BASE_URL: 'http://127.0.0.1:3100' })).toEqual([]);
    const file = path.join(dir, 'connections.json');
    writeFileSync(
      file,
      JSON.stringify({
        connections: [
          {
            name: 'plain',
            auth: 'service-account',
            clientId: 'id',
            clientSecret: { env: 'S' },
            orgIds: ['aaaaaaaaaaaaaaaaaaaaaaaa'],
            baseUrl: 'http://atlas.example.com',
          },
        ],
      }),
    );
    expect(configProblemsOf({ CONFIG_FILE: file, S: 'secret' })).toEqual([
      expect.stringMatching(/^CONFIG_FILE connections\.0 \(plain\) baseUrl: must be https:\/\//),
    ]);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback names and addresses, and nothing else', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.9.9.9', '::1', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      'example.com',
      '128.0.0.1',
      'localhost.evil',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

import { isIP } from 'node:net';
import type { Env } from './config-schema';

/**
 * Where the server may listen and whom it answers, checked at start (config.ts) so an unsafe
 * combination never runs: open-by-default deployments, DNS rebinding, credentials over http.
 */

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** `[::1]` → `::1`; names lower-cased. */
const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** A loopback name or address: 127.0.0.0/8, ::1, localhost (and *.localhost, RFC 6761). */
export function isLoopbackHost(host: string): boolean {
  const h = bare(host);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** The wildcard addresses: listening on every interface, never a host people type. */
const isWildcard = (host: string) => ['0.0.0.0', '::', ''].includes(bare(host));

/**
 * Host names this server answers to (the `Host` header's name, without port): loopback, the
 * public origin's host, ALLOWED_HOSTS, and HOST itself when it is one concrete address.
 */
export function allowedHostsOf(env: Env): ReadonlySet<string> {
  const hosts = new Set(LOOPBACK_NAMES);
  if (env.PUBLIC_ORIGIN) hosts.add(bare(new URL(env.PUBLIC_ORIGIN).hostname));
  for (const host of env.ALLOWED_HOSTS ?? []) hosts.add(bare(host));
  if (!isWildcard(env.HOST)) hosts.add(bare(env.HOST));
  return hosts;
}

/** An Atlas base URL must be https, except a simulator on loopback. */
export function baseUrlProblem(name: string, url: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname)) return undefined;
  return `${name}: must be https:// (credentials would cross the network in clear text; http:// is only for a simulator on loopback)`;
}

export function networkProblems(env: Env, hasAccessRules: boolean): string[] {
  const problems: string[] = [];
  if (env.AUTH_MODE === 'none' && hasAccessRules) {
    problems.push(
      'CONFIG_FILE access: access rules are only applied with AUTH_MODE=trusted-proxy (with AUTH_MODE=none everybody sees every organization). Set AUTH_MODE=trusted-proxy and TRUSTED_PROXIES, or remove the access section',
    );
  }
  if (env.AUTH_MODE === 'none' && !isLoopbackHost(env.HOST) && !env.ALLOW_UNAUTHENTICATED_NETWORK) {
    problems.push(
      `HOST: ${env.HOST} is not a loopback address, and with AUTH_MODE=none anyone who reaches it sees every organization. Set AUTH_MODE=trusted-proxy behind a sign-in proxy (docs/deployment.md), or HOST=127.0.0.1, or ALLOW_UNAUTHENTICATED_NETWORK=true if only your team can reach this network`,
    );
  }
  if (!isLoopbackHost(env.HOST) && !env.PUBLIC_ORIGIN && !env.ALLOWED_HOSTS?.length) {
    problems.push(
      `PUBLIC_ORIGIN: is required when HOST is not a loopback address: the address people open (e.g. https://costs.example.com). Requests naming any other host are refused with 421 (DNS rebinding)`,
    );
  }
  const atlas = baseUrlProblem('ATLAS_BASE_URL', env.ATLAS_BASE_URL);
  if (atlas) problems.push(atlas);
  return problems;
}

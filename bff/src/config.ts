import proxyaddr from 'proxy-addr';
import {
  readConfigFile,
  resolveSecret,
  type ConfigFile,
  type ConnectionEntry,
} from './config-file';
import { allowedHostsOf, baseUrlProblem, isLoopbackHost, networkProblems } from './config-network';
import { envSchema, type Env } from './config-schema';
import type { SimulatorProfileName } from './simulator/profiles';

export type { Env };

/**
 * The only reader of process.env (enforced by lint). Every setting is validated once at start;
 * a bad environment fails fast with one readable line per problem. The variables and their
 * defaults are in config-schema.ts.
 */

export type AtlasCredentials =
  | { kind: 'service-account'; clientId: string; clientSecret: string }
  | { kind: 'api-key'; publicKey: string; privateKey: string };

/** One set of Atlas credentials and the organizations it serves. */
export interface AtlasConnection {
  name: string;
  baseUrl: string;
  credentials: AtlasCredentials;
  /** `undefined`: every organization the credentials reach (credentials from ATLAS_* variables). */
  orgIds: readonly string[] | undefined;
}

/** `'*'`: every organization the connections serve. */
export type OrgGrant = '*' | readonly string[];

export interface AccessRules {
  /** Lower-cased e-mail → grant. */
  users: ReadonlyMap<string, OrgGrant>;
  groups: ReadonlyMap<string, OrgGrant>;
}

export type AuthConfig = { mode: 'none' } | { mode: 'trusted-proxy'; trustedProxies: string[] };

export interface Config {
  host: string;
  port: number;
  /** Host names the server answers to (421 for any other `Host`; health checks excepted). */
  allowedHosts: ReadonlySet<string>;
  /** AUTH_MODE=none on a non-loopback address, asked for explicitly (warned about at start). */
  allowUnauthenticatedNetwork: boolean;
  logLevel: Env['LOG_LEVEL'];
  /** LOG_FORMAT; undefined: decided by whether stdout is a terminal (logger.ts). */
  logFormat: Env['LOG_FORMAT'];
  /** `undefined` means "no credentials: run on the embedded simulator". */
  connections: AtlasConnection[] | undefined;
  auth: AuthConfig;
  access: AccessRules;
  userQueryLimit: { limit: number; windowMs: number };
  presets: { sharedBy: 'hidden' | 'email'; maxPerUser: number };
  atlasHttp: {
    timeoutMs: number;
    processingGraceMs: number;
    maxRetries: number;
    retryBaseMs: number;
    retryMaxMs: number;
  };
  /** ATLAS_WIRE_LOG: where every Atlas exchange is recorded as shapes; unset: not recorded. */
  wireLog: { path: string; maxBytes: number; files: number } | undefined;
  queryDeadlineMs: number;
  /** The shape of the BFF's polls of Atlas (services/cost-queries/poll-schedule.ts). */
  poll: { initialMs: number; maxMs: number; firstMs: number; denseMs: number; denseForMs: number };
  /** LONG_POLL_RECHECK_MS: how often a held poll re-reads its job from the store. */
  longPollRecheckMs: number;
  /** ATLAS_QUERY_MAX_IDS: ids one Atlas query carries in a list; a group-by over more is split. */
  maxIdsPerQuery: number;
  /** ATLAS_HISTORY_MONTHS / HISTORY_KEEP_MONTHS: Atlas's window, and how far back kept months go. */
  history: { atlasMonths: number; keepMonths: number };
  /** WARM_*: presets opened lately are asked again at a quiet hour (services/preset-warmer.ts). */
  warming: {
    openedWithinDays: number;
    hourUtc: number;
    checkMs: number;
    yieldMs: number;
    maxWaitMs: number;
  };
  pickerCacheTtlMs: number;
  pickerFailureTtlMs: number;
  pickerRateLimit: { capacity: number; perMinute: number };
  resultCache: { closedMs: number; openMs: number };
  rateLimit: { capacity: number; perMinute: number; waitMs: number; waitMaxMs: number };
  breaker: { failures: number; halfOpenAfterMs: number };
  jobs: { leaseMs: number; sweepMs: number; retentionMs: number };
  shutdownGraceMs: number;
  simulator: {
    port: number;
    embeddedPort: number;
    processingMs: number;
    scale: number;
    retentionMonths: number;
    profile: SimulatorProfileName;
  };
  webDistDir: string | undefined;
  store: { databaseUrl: string | undefined; dataDir: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function credentialsFrom(env: Env): AtlasCredentials | undefined {
  // A service account is MongoDB's recommended method; it wins when both are set.
  if (env.ATLAS_CLIENT_ID && env.ATLAS_CLIENT_SECRET) {
    return {
      kind: 'service-account',
      clientId: env.ATLAS_CLIENT_ID,
      clientSecret: env.ATLAS_CLIENT_SECRET,
    };
  }
  if (env.ATLAS_PUBLIC_KEY && env.ATLAS_PRIVATE_KEY) {
    return { kind: 'api-key', publicKey: env.ATLAS_PUBLIC_KEY, privateKey: env.ATLAS_PRIVATE_KEY };
  }
  return undefined;
}

/** Loads `.env` from the working directory when present; variables already set win. */
export function loadDotEnvIfPresent(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Credentials come in pairs; half a pair is a mistake worth stopping for. */
const CREDENTIAL_PAIRS = [
  ['ATLAS_CLIENT_ID', 'ATLAS_CLIENT_SECRET'],
  ['ATLAS_PUBLIC_KEY', 'ATLAS_PRIVATE_KEY'],
] as const;

function pairProblems(source: Record<string, string | undefined>): string[] {
  const present = (name: string) => Boolean(source[name]?.trim());
  return CREDENTIAL_PAIRS.flatMap(([a, b]) => {
    if (present(a) === present(b)) return [];
    const [have, missing] = present(a) ? [a, b] : [b, a];
    return [`${missing}: is required when ${have} is set`];
  });
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`)),
    ...pairProblems(source),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

/**
 * The configuration for a command-line tool (pnpm atlas:probe, pnpm history:forget): `given` in
 * tests, else .env and the environment as the BFF reads them. A problem is told on `log` and
 * the exit code is 1.
 */
export function loadCliConfig(
  given: Config | undefined,
  log: (text: string) => void,
): Config | { exitCode: 1 } {
  if (given) return given;
  try {
    loadDotEnvIfPresent();
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log(`${err.message}\nSee .env.example and README.md#configuration.\n`);
    return { exitCode: 1 };
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = parseEnv(source);
  const file = env.CONFIG_FILE ? readConfigFile(env.CONFIG_FILE) : { value: {}, problems: [] };
  const fromFile = file.value ? connectionsFromFile(file.value, env, source) : { problems: [] };
  const problems = [
    ...file.problems,
    ...fromFile.problems,
    ...authProblems(env),
    ...networkProblems(env, file.value?.access !== undefined),
  ];
  const credentials = credentialsFrom(env);
  if (fromFile.connections && credentials) {
    problems.push(
      'CONFIG_FILE: lists connections, so ATLAS_CLIENT_ID/SECRET and ATLAS_PUBLIC/PRIVATE_KEY must be unset (use one or the other)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const connections =
    fromFile.connections ??
    (credentials
      ? [{ name: 'default', baseUrl: env.ATLAS_BASE_URL, credentials, orgIds: undefined }]
      : undefined);
  return {
    host: env.HOST,
    port: env.PORT,
    allowedHosts: allowedHostsOf(env),
    allowUnauthenticatedNetwork:
      env.AUTH_MODE === 'none' && env.ALLOW_UNAUTHENTICATED_NETWORK && !isLoopbackHost(env.HOST),
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    connections,
    auth:
      env.AUTH_MODE === 'trusted-proxy'
        ? { mode: 'trusted-proxy', trustedProxies: env.TRUSTED_PROXIES ?? [] }
        : { mode: 'none' },
    access: accessRulesOf(file.value?.access),
    userQueryLimit: { limit: env.USER_QUERY_LIMIT, windowMs: env.USER_QUERY_WINDOW_MS },
    presets: { sharedBy: env.PRESET_SHARED_BY, maxPerUser: env.PRESET_LIMIT_PER_USER },
    atlasHttp: {
      timeoutMs: env.ATLAS_TIMEOUT_MS,
      processingGraceMs: env.ATLAS_PROCESSING_GRACE_MS,
      maxRetries: env.ATLAS_MAX_RETRIES,
      retryBaseMs: env.ATLAS_RETRY_BASE_MS,
      retryMaxMs: env.ATLAS_RETRY_MAX_MS,
    },
    wireLog: env.ATLAS_WIRE_LOG
      ? {
          path: env.ATLAS_WIRE_LOG,
          maxBytes: env.ATLAS_WIRE_LOG_MAX_BYTES,
          files: env.ATLAS_WIRE_LOG_FILES,
        }
      : undefined,
    queryDeadlineMs: env.QUERY_DEADLINE_MS,
    poll: {
      initialMs: env.POLL_INITIAL_MS,
      maxMs: env.POLL_MAX_MS,
      firstMs: env.POLL_FIRST_MS,
      denseMs: env.POLL_DENSE_MS,
      denseForMs: env.POLL_DENSE_FOR_MS,
    },
    longPollRecheckMs: env.LONG_POLL_RECHECK_MS,
    maxIdsPerQuery: env.ATLAS_QUERY_MAX_IDS,
    history: { atlasMonths: env.ATLAS_HISTORY_MONTHS, keepMonths: env.HISTORY_KEEP_MONTHS },
    warming: {
      openedWithinDays: env.WARM_PRESETS_OPENED_WITHIN_DAYS,
      hourUtc: env.WARM_AT_UTC_HOUR,
      checkMs: env.WARM_CHECK_MS,
      yieldMs: env.WARM_YIELD_MS,
      maxWaitMs: env.WARM_MAX_WAIT_MS,
    },
    pickerCacheTtlMs: env.PICKER_CACHE_TTL_MS,
    pickerFailureTtlMs: env.PICKER_FAILURE_TTL_MS,
    pickerRateLimit: {
      capacity: env.PICKER_RATE_LIMIT_CAPACITY,
      perMinute: env.PICKER_RATE_LIMIT_PER_MINUTE,
    },
    resultCache: { closedMs: env.RESULT_CACHE_CLOSED_TTL_MS, openMs: env.RESULT_CACHE_OPEN_TTL_MS },
    rateLimit: {
      capacity: env.ATLAS_RATE_LIMIT_CAPACITY,
      perMinute: env.ATLAS_RATE_LIMIT_PER_MINUTE,
      waitMs: env.RATE_LIMIT_WAIT_MS,
      waitMaxMs: env.RATE_LIMIT_WAIT_MAX_MS,
    },
    breaker: { failures: env.BREAKER_FAILURES, halfOpenAfterMs: env.BREAKER_HALF_OPEN_MS },
    jobs: {
      leaseMs: env.JOB_LEASE_MS,
      sweepMs: env.JOB_SWEEP_MS,
      retentionMs: env.JOB_RETENTION_MS,
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    simulator: {
      port: env.SIMULATOR_PORT,
      embeddedPort: env.EMBEDDED_SIMULATOR_PORT,
      processingMs: env.SIMULATOR_PROCESSING_MS,
      scale: env.SIMULATOR_SCALE,
      retentionMonths: env.SIMULATOR_RETENTION_MONTHS,
      profile: env.SIMULATOR_PROFILE,
    },
    webDistDir: env.WEB_DIST_DIR,
    store: { databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR },
  };
}

function connectionsFromFile(
  file: ConfigFile,
  env: Env,
  source: Record<string, string | undefined>,
): { connections?: AtlasConnection[]; problems: string[] } {
  if (!file.connections || file.connections.length === 0) return { problems: [] };
  const problems: string[] = [];
  const connections = file.connections.map((entry, index): AtlasConnection => {
    const where = `CONFIG_FILE connections.${index} (${entry.name})`;
    const secret = resolveSecret(secretRefOf(entry), where, source);
    if (secret.problem) problems.push(secret.problem);
    const insecure = entry.baseUrl && baseUrlProblem(`${where} baseUrl`, entry.baseUrl);
    if (insecure) problems.push(insecure);
    const value = secret.value ?? '';
    return {
      name: entry.name,
      baseUrl: entry.baseUrl ?? env.ATLAS_BASE_URL,
      credentials:
        entry.auth === 'service-account'
          ? { kind: 'service-account', clientId: entry.clientId, clientSecret: value }
          : { kind: 'api-key', publicKey: entry.publicKey, privateKey: value },
      orgIds: entry.orgIds,
    };
  });
  return { connections, problems };
}

const secretRefOf = (entry: ConnectionEntry) =>
  entry.auth === 'service-account' ? entry.clientSecret : entry.privateKey;

function authProblems(env: Env): string[] {
  if (env.AUTH_MODE !== 'trusted-proxy') return [];
  const proxies = env.TRUSTED_PROXIES ?? [];
  if (proxies.length === 0) {
    return [
      'TRUSTED_PROXIES: is required when AUTH_MODE=trusted-proxy (the proxy’s addresses or CIDRs)',
    ];
  }
  try {
    // proxy-addr is what Express itself uses to match addresses and CIDRs (IPv4-mapped IPv6 too).
    proxyaddr.compile(proxies);
    return [];
  } catch (err) {
    return [`TRUSTED_PROXIES: ${(err as Error).message}`];
  }
}

function accessRulesOf(access: ConfigFile['access']): AccessRules {
  return {
    users: new Map(Object.entries(access?.users ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    groups: new Map(Object.entries(access?.groups ?? {})),
  };
}

/** Credentials the standalone simulator accepts: ATLAS_* when set, documented demo values otherwise. */
export function simulatorCredentialsFromEnv(
  source: Record<string, string | undefined> = process.env,
): { clientId?: string; clientSecret?: string; publicKey?: string; privateKey?: string } {
  const env = parseEnv(source);
  return {
    clientId: env.ATLAS_CLIENT_ID,
    clientSecret: env.ATLAS_CLIENT_SECRET,
    publicKey: env.ATLAS_PUBLIC_KEY,
    privateKey: env.ATLAS_PRIVATE_KEY,
  };
}

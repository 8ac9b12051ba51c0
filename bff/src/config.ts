import { envSchema, type Env } from './config-schema';

export type { Env };

/**
 * The only reader of process.env (enforced by lint). Every setting is validated once at start;
 * a bad environment fails fast with one readable line per problem. The variables and their
 * defaults are in config-schema.ts.
 */

export type AtlasCredentials =
  | { kind: 'service-account'; clientId: string; clientSecret: string }
  | { kind: 'api-key'; publicKey: string; privateKey: string };

export interface Config {
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  /** `undefined` means "no credentials: run on the embedded simulator". */
  atlas:
    | {
        baseUrl: string;
        credentials: AtlasCredentials;
      }
    | undefined;
  atlasHttp: {
    timeoutMs: number;
    processingGraceMs: number;
    maxRetries: number;
    retryBaseMs: number;
    retryMaxMs: number;
  };
  queryDeadlineMs: number;
  poll: { initialMs: number; maxMs: number };
  pickerCacheTtlMs: number;
  resultCache: { closedMs: number; openMs: number };
  rateLimit: { capacity: number; perMinute: number; waitMs: number; waitMaxMs: number };
  breaker: { failures: number; halfOpenAfterMs: number };
  jobs: { leaseMs: number; sweepMs: number; retentionMs: number };
  shutdownGraceMs: number;
  simulator: { port: number; embeddedPort: number; processingMs: number; scale: number };
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

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = parseEnv(source);
  const credentials = credentialsFrom(env);
  return {
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    atlas: credentials ? { baseUrl: env.ATLAS_BASE_URL, credentials } : undefined,
    atlasHttp: {
      timeoutMs: env.ATLAS_TIMEOUT_MS,
      processingGraceMs: env.ATLAS_PROCESSING_GRACE_MS,
      maxRetries: env.ATLAS_MAX_RETRIES,
      retryBaseMs: env.ATLAS_RETRY_BASE_MS,
      retryMaxMs: env.ATLAS_RETRY_MAX_MS,
    },
    queryDeadlineMs: env.QUERY_DEADLINE_MS,
    poll: { initialMs: env.POLL_INITIAL_MS, maxMs: env.POLL_MAX_MS },
    pickerCacheTtlMs: env.PICKER_CACHE_TTL_MS,
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
    },
    webDistDir: env.WEB_DIST_DIR,
    store: { databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR },
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

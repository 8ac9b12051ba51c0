import { z } from 'zod';

/**
 * The only reader of process.env (enforced by lint). Every setting is validated once at start;
 * a bad environment fails fast with one readable line per problem.
 */

const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ATLAS_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://cloud.mongodb.com'),
  ATLAS_CLIENT_ID: optionalSecret,
  ATLAS_CLIENT_SECRET: optionalSecret,
  ATLAS_PUBLIC_KEY: optionalSecret,
  ATLAS_PRIVATE_KEY: optionalSecret,
  /** Timeout of one HTTP call to Atlas (create, one poll, one list page, token). */
  ATLAS_TIMEOUT_MS: ms(10_000),
  /** After an interim 102, how long to wait for a final response before calling it "processing". */
  ATLAS_PROCESSING_GRACE_MS: ms(2_000),
  ATLAS_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  ATLAS_RETRY_BASE_MS: ms(500),
  ATLAS_RETRY_MAX_MS: ms(10_000),
  /** A query still processing after this long is failed with a clear message. */
  QUERY_DEADLINE_MS: ms(10 * 60_000),
  /** The BFF's own upstream poll loop: first poll after POLL_INITIAL_MS, doubling to POLL_MAX_MS. */
  POLL_INITIAL_MS: ms(1_000),
  POLL_MAX_MS: ms(10_000),
  /** How long org/project/cluster lists are reused before asking Atlas again. */
  PICKER_CACHE_TTL_MS: ms(60_000),
  SHUTDOWN_GRACE_MS: ms(10_000),
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** Port of the simulator embedded in `pnpm start` when no credentials are set (0: any free port). */
  EMBEDDED_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SIMULATOR_PROCESSING_MS: z.coerce.number().int().min(0).default(1500),
  SIMULATOR_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
  WEB_DIST_DIR: z.string().optional(),
  /** PostgreSQL for the store (needed for more than one replica); unset means embedded SQLite. */
  DATABASE_URL: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/./.test(v), {
      error: 'must start with postgres:// or postgresql://',
    }),
  /** Where the embedded SQLite file lives when DATABASE_URL is unset. */
  DATA_DIR: z.string().trim().min(1).default('./data'),
});

export type Env = z.infer<typeof envSchema>;

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

import { z } from 'zod';
import { SIMULATOR_PROFILES } from './simulator/profiles';
import { MAX_FILTER_ITEMS } from './contract/dashboard-query';
import { RETENTION_MONTHS } from './contract/months';

/**
 * The environment's schema, with defaults (config.ts reads process.env and validates it here).
 * Durations are milliseconds; the README's configuration table documents each variable.
 */

const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** A duration where 0 is meaningful (e.g. "do not cache"). */
const msOrZero = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const count = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

export const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: pretty when stdout is a terminal, JSON lines otherwise. */
  LOG_FORMAT: z
    .enum(['json', 'pretty'], { error: 'must be json or pretty' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ATLAS_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://cloud.mongodb.com'),
  ATLAS_CLIENT_ID: optionalSecret,
  ATLAS_CLIENT_SECRET: optionalSecret,
  ATLAS_PUBLIC_KEY: optionalSecret,
  ATLAS_PRIVATE_KEY: optionalSecret,
  /**
   * A file that gets one JSON line per Atlas exchange: path template, statuses, header names,
   * body shapes; never values (docs/atlas-wire.md, "Wire log"). Unset: nothing is recorded.
   */
  ATLAS_WIRE_LOG: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  /** The wire log is rotated (.1 … .N) once it passes this many bytes… */
  ATLAS_WIRE_LOG_MAX_BYTES: count(5 * 1024 * 1024, 1024 * 1024 * 1024),
  /** …and this many rotated files are kept. */
  ATLAS_WIRE_LOG_FILES: count(3, 100),
  /** Timeout of one HTTP call to Atlas (create, one poll, one list page, token). */
  ATLAS_TIMEOUT_MS: ms(10_000),
  /** After an interim 102, how long to wait for a final response before calling it "processing". */
  ATLAS_PROCESSING_GRACE_MS: ms(2_000),
  /** Retries of a failed Atlas call (pickers: in the request; a query's poll: failed polls in a row). */
  ATLAS_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  ATLAS_RETRY_BASE_MS: ms(500),
  ATLAS_RETRY_MAX_MS: ms(10_000),
  /** A query still processing after this long is failed with a clear message. */
  QUERY_DEADLINE_MS: ms(10 * 60_000),
  /**
   * The BFF's own poll of an Atlas query: the first after POLL_FIRST_MS, then every POLL_DENSE_MS
   * until POLL_DENSE_FOR_MS after it was asked (0: no dense phase), then doubling to POLL_MAX_MS
   * (which also caps the first two). POLL_INITIAL_MS is the base of the backoff after failures.
   */
  POLL_FIRST_MS: ms(250),
  POLL_DENSE_MS: ms(500),
  POLL_DENSE_FOR_MS: msOrZero(10_000),
  POLL_INITIAL_MS: ms(1_000),
  POLL_MAX_MS: ms(10_000),
  /** A held poll (`?wait=`) re-reads its job this often, to see another replica's progress (0: never). */
  LONG_POLL_RECHECK_MS: msOrZero(250),
  // At most the dashboard's own filter cap: a person's chosen list is never split (query-plan.ts).
  ATLAS_QUERY_MAX_IDS: count(MAX_FILTER_ITEMS, MAX_FILTER_ITEMS),
  /** How many months back Atlas serves Cost Explorer data (its console says 18). */
  ATLAS_HISTORY_MONTHS: count(RETENTION_MONTHS, 240),
  /**
   * How many months back the months this dashboard kept stay queryable, past Atlas's window
   * too (0: keep nothing; older kept months are deleted by the sweeper).
   */
  HISTORY_KEEP_MONTHS: z.coerce.number().int().min(0).max(1200).default(60),
  /** Presets opened within this many days are asked again before anyone asks (0: no warming). */
  WARM_PRESETS_OPENED_WITHIN_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** The quiet hour (UTC) of the daily warming run; another runs once after each month closes. */
  WARM_AT_UTC_HOUR: z.coerce.number().int().min(0).max(23).default(4),
  WARM_CHECK_MS: ms(60_000),
  /** How often a waiting warm query looks again whether its organization is idle. */
  WARM_YIELD_MS: ms(1_000),
  /** The longest one warm query waits (behind others, then for Atlas) before the next. */
  WARM_MAX_WAIT_MS: ms(10 * 60_000),
  /** How long org/project/cluster lists are reused before asking Atlas again. */
  PICKER_CACHE_TTL_MS: ms(60_000),
  /** How long a failed list look-up is answered from memory before Atlas is asked again (0: not). */
  PICKER_FAILURE_TTL_MS: msOrZero(5_000),
  /** The lists' own budget of Atlas calls per organization (Atlas's list buckets are larger). */
  PICKER_RATE_LIMIT_CAPACITY: count(3_000, 1_000_000),
  PICKER_RATE_LIMIT_PER_MINUTE: count(1_500, 1_000_000),
  /** Finished results of ranges made of closed months are reused this long (0: never). */
  RESULT_CACHE_CLOSED_TTL_MS: msOrZero(6 * 60 * 60_000),
  /** …and of ranges that include the current month (0: never). */
  RESULT_CACHE_OPEN_TTL_MS: msOrZero(10 * 60_000),
  /** The BFF's budget of Atlas calls per organization, all replicas together, below Atlas's 500/100. */
  ATLAS_RATE_LIMIT_CAPACITY: count(400, 100_000),
  ATLAS_RATE_LIMIT_PER_MINUTE: count(80, 100_000),
  /** After an Atlas 429: Retry-After first, then this doubling on each 429 in a row, up to the max. */
  RATE_LIMIT_WAIT_MS: ms(10_000),
  RATE_LIMIT_WAIT_MAX_MS: ms(5 * 60_000),
  /** Consecutive Atlas failures (5xx, network, timeout) that open the circuit breaker. */
  BREAKER_FAILURES: count(5, 1000),
  /** How long the open circuit fails fast before one probe call is let through. */
  BREAKER_HALF_OPEN_MS: ms(30_000),
  /** A query job's lease, renewed every third of it while its BFF lives; then another takes over. */
  JOB_LEASE_MS: ms(5_000),
  /** How often each BFF looks for query jobs nobody is polling (after a restart or a crash). */
  JOB_SWEEP_MS: ms(1_000),
  /** Finished query jobs (and expired results) are deleted after this long. */
  JOB_RETENTION_MS: ms(24 * 60 * 60_000),
  SHUTDOWN_GRACE_MS: ms(10_000),
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** Port of the simulator embedded in `pnpm start` when no credentials are set (0: any free port). */
  EMBEDDED_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SIMULATOR_PROCESSING_MS: z.coerce.number().int().min(0).default(1500),
  SIMULATOR_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
  /** How many months back the simulator serves usage, as Atlas's 18 (tests shorten it). */
  SIMULATOR_RETENTION_MONTHS: count(RETENTION_MONTHS, 240),
  /** The simulator's answers to what the spec leaves open (bff/src/simulator/profiles.ts). */
  SIMULATOR_PROFILE: z
    .enum(SIMULATOR_PROFILES, {
      error: (issue) =>
        `unknown profile ${JSON.stringify(issue.input)}: must be one of ${SIMULATOR_PROFILES.join(', ')}`,
    })
    .default('default'),
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
  /** The deployment file: Atlas connections and who may see which org (docs/deployment.md). */
  CONFIG_FILE: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  /** none: one trusted team (local demo); trusted-proxy: identity from an authenticating proxy. */
  AUTH_MODE: z
    .enum(['none', 'trusted-proxy'], { error: 'must be none or trusted-proxy' })
    .default('none'),
  /** Addresses or CIDRs of the proxy allowed to send X-Forwarded-Email/-Groups (comma-separated). */
  TRUSTED_PROXIES: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .optional(),
  /**
   * AUTH_MODE=none on an address other than loopback shows every organization to anyone who can
   * reach it, so the server refuses to start that way unless this is `true` (logged every start).
   */
  ALLOW_UNAUTHENTICATED_NETWORK: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** The address people open (https://costs.example.com): its host is allowed in `Host`. */
  PUBLIC_ORIGIN: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  /** More host names allowed in `Host` (comma-separated), besides loopback and PUBLIC_ORIGIN's. */
  ALLOWED_HOSTS: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .optional(),
  /**
   * What someone else's shared preset says about who saved it: `hidden` (a neutral "shared
   * preset") or `email` (the owner's address, for teams that want it).
   */
  PRESET_SHARED_BY: z
    .enum(['hidden', 'email'], { error: 'must be hidden or email' })
    .default('hidden'),
  /** Presets one person may keep; a save beyond that is 409. */
  PRESET_LIMIT_PER_USER: count(500, 100_000),
  /** Cost queries one user may create per window (each answers with RateLimit headers). */
  USER_QUERY_LIMIT: count(30, 100_000),
  USER_QUERY_WINDOW_MS: ms(60_000),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Typed failures of the Atlas client. Each is raised where the failure happens (HTTP layer,
 * auth, response parsing) so callers map them without string matching. Messages name the
 * operation and path template, never a credential, an access token or a query token.
 */
export class AtlasError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller passed an id, token or filter Atlas would reject; nothing was sent. */
export class AtlasInputError extends AtlasError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AtlasFieldViolation {
  field: string;
  description: string;
}

export interface AtlasRateLimit {
  limit?: number;
  remaining?: number;
}

export interface AtlasApiErrorInit {
  status: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  badRequestDetail?: { fields: AtlasFieldViolation[] };
  retryAfterMs?: number;
  rateLimit?: AtlasRateLimit;
}

/** Atlas answered with an error status (its `ApiError` body parsed when there was one). */
export class AtlasApiError extends AtlasError {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly detail: string | undefined;
  readonly reason: string | undefined;
  readonly parameters: unknown[] | undefined;
  readonly badRequestDetail: { fields: AtlasFieldViolation[] } | undefined;
  /** From `Retry-After` (seconds or HTTP date), when Atlas sent one. */
  readonly retryAfterMs: number | undefined;
  readonly rateLimit: AtlasRateLimit | undefined;

  constructor(operation: string, init: AtlasApiErrorInit) {
    const code = init.errorCode ? ` ${init.errorCode}` : '';
    const detail = init.detail ? `: ${init.detail}` : '';
    super(`Atlas answered ${init.status}${code} to ${operation}${detail}`);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.reason = init.reason;
    this.parameters = init.parameters;
    this.badRequestDetail = init.badRequestDetail;
    this.retryAfterMs = init.retryAfterMs;
    this.rateLimit = init.rateLimit;
  }
}

/** No final answer within `timeoutMs` (connect included). Never retried: the budget is spent. */
export class AtlasTimeoutError extends AtlasError {
  constructor(
    operation: string,
    readonly timeoutMs: number,
  ) {
    super(`Atlas did not answer ${operation} within ${timeoutMs} ms`);
  }
}

/** The connection failed (refused, reset, closed) without a preceding 102. */
export class AtlasNetworkError extends AtlasError {
  constructor(
    operation: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`Connection to Atlas failed during ${operation}${code ? ` (${code})` : ''}`, options);
  }
}

/** Atlas's answer broke the protocol we rely on: malformed JSON, a redirect, an odd status. */
export class AtlasProtocolError extends AtlasError {
  constructor(
    operation: string,
    problem: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`Unexpected answer from Atlas to ${operation}: ${problem}`, options);
  }
}

/**
 * A 2xx answer to a usage poll that is neither a result nor a "still processing" we recognise.
 * It names the top-level keys it saw (and their types), never a value: the page shows them so a
 * user can report what Atlas sent without sending us their money or names.
 */
export class AtlasUnrecognizedAnswerError extends AtlasProtocolError {
  constructor(
    operation: string,
    /** `key: type` for each top-level key, sorted; `(array)`, `(string)`… for a non-object. */
    readonly keys: string[],
    status: number,
  ) {
    super(
      operation,
      `unrecognised answer (HTTP ${status}) with ${keys.length > 0 ? `keys ${keys.join(', ')}` : 'no keys'}`,
      status,
    );
  }
}

/** Atlas refused the configured credentials (token endpoint, or a Digest challenge we answered). */
export class AtlasAuthError extends AtlasError {
  constructor(
    operation: string,
    readonly status: number,
    readonly errorCode?: string,
  ) {
    super(
      `Atlas refused the credentials for ${operation} (${status}${errorCode ? ` ${errorCode}` : ''})`,
    );
  }
}

/**
 * Second line of defence: replaces every known secret in a message before it leaves the
 * client, in case an upstream body ever echoes one back into `detail`.
 */
export function scrubSecrets<T>(err: T, secrets: readonly string[]): T {
  if (!(err instanceof Error)) return err;
  const scrub = (text: string) =>
    secrets.reduce((acc, s) => (s.length >= 4 ? acc.split(s).join('[redacted]') : acc), text);
  err.message = scrub(err.message);
  if (err.stack) err.stack = scrub(err.stack);
  if (err instanceof AtlasApiError) {
    const parameters = err.parameters?.map((p) => (typeof p === 'string' ? scrub(p) : p));
    Object.assign(err, { detail: err.detail && scrub(err.detail), parameters });
  }
  return err;
}

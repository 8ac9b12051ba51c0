/**
 * Query jobs and cached results as rows. Times are epoch milliseconds (one integer type in both
 * dialects, so lease arithmetic happens in SQL); `query`, `error` and a result's `payload` are
 * opaque JSON the services write and read.
 */

/** `queued`: not yet accepted by Atlas; `polling`: Atlas gave a token; the rest are final. */
export type JobPhase = 'queued' | 'polling' | 'done' | 'failed' | 'cancelled';

export const IN_FLIGHT_PHASES: readonly JobPhase[] = ['queued', 'polling'];

export interface JobRecord {
  id: string;
  orgId: string;
  /** Normalized query → key: identical questions in flight share one row (unique index). */
  queryKey: string;
  query: unknown;
  phase: JobPhase;
  /** Atlas's query token: stays in the store and the BFF, never in a browser answer. */
  token: string | null;
  /** How many viewers watch this job; a DELETE cancels it only when the last one leaves. */
  watchers: number;
  createdAt: number;
  deadlineAt: number;
  /** When the next upstream call (the POST while queued, a poll while polling) is due. */
  nextAttemptAt: number;
  pollDelayMs: number;
  /** Consecutive failed upstream calls (5xx, network, timeout). */
  failures: number;
  /** Consecutive 429s from Atlas. */
  rateLimited: number;
  /** Set while waiting out a rate limit or an open circuit (the page shows a countdown). */
  waitingUntil: number | null;
  capacityRemaining: number | null;
  capacityLimit: number | null;
  /** The replica whose loop calls Atlas for this job, until `leaseUntil`. */
  leaseOwner: string | null;
  leaseUntil: number | null;
  error: unknown;
  resultId: string | null;
  dataFetchedAt: number | null;
  fromCache: boolean;
  finishedAt: number | null;
  /** Which part of the job's plan is being asked of Atlas now (see query-plan.ts). */
  part: number;
}

export type NewJob = Pick<
  JobRecord,
  | 'id'
  | 'orgId'
  | 'queryKey'
  | 'query'
  | 'createdAt'
  | 'deadlineAt'
  | 'nextAttemptAt'
  | 'pollDelayMs'
  | 'leaseOwner'
  | 'leaseUntil'
>;

/** A job answered from the result cache: born done, pointing at an existing result. */
export type CachedJob = Pick<
  JobRecord,
  'id' | 'orgId' | 'queryKey' | 'query' | 'createdAt' | 'resultId' | 'dataFetchedAt'
>;

export type JobPatch = Partial<
  Pick<
    JobRecord,
    | 'phase'
    | 'token'
    | 'nextAttemptAt'
    | 'pollDelayMs'
    | 'failures'
    | 'rateLimited'
    | 'waitingUntil'
    | 'capacityRemaining'
    | 'capacityLimit'
    | 'leaseOwner'
    | 'leaseUntil'
    | 'error'
    | 'resultId'
    | 'dataFetchedAt'
    | 'finishedAt'
    | 'part'
    | 'deadlineAt'
  >
>;

export interface JobRepository {
  /**
   * One transaction: inserts the job, or, when an identical query of the same org is in flight,
   * joins it, and adds `watcher`'s watch (once per watcher). `joined` tells which happened.
   */
  insertOrJoin(job: NewJob, watcher: string): Promise<{ job: JobRecord; joined: boolean }>;
  insertFromCache(job: CachedJob): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | undefined>;
  /** Compare-and-set on the lease: only `owner` may change an in-flight job. */
  update(id: string, owner: string, patch: JobPatch): Promise<JobRecord | undefined>;
  /**
   * Takes over in-flight jobs whose lease is absent or expired at `now`; the new lease runs to
   * now + leaseMs (the claimer's heartbeat renews it). Concurrent claimers never get the same job.
   */
  claimExpired(owner: string, now: number, leaseMs: number, limit: number): Promise<JobRecord[]>;
  /** The heartbeat: moves the leases `owner` still holds on these in-flight jobs to `until`. */
  renew(owner: string, ids: readonly string[], until: number): Promise<number>;
  /** Gives up every lease `owner` holds (graceful shutdown), so another loop resumes at once. */
  release(owner: string): Promise<number>;
  /**
   * `watcher` stops watching (only its own watch goes); when no watch is left on an in-flight
   * job it is cancelled and forgets its Atlas token. Undefined when there is no such job (or it
   * was cancelled); `left` tells whether this watcher was watching at all.
   */
  leave(
    id: string,
    orgId: string,
    watcher: string,
    now: number,
  ): Promise<{ phase: JobPhase; left: boolean } | undefined>;
  deleteFinishedBefore(time: number): Promise<number>;
  /** How many jobs of an organization are in flight (the warmer waits behind them). */
  countInFlight(orgId: string): Promise<number>;
}

/**
 * A long text to store: one string, or its pieces in order, made while they are written (never
 * all at once): stored in pieces (migration 8, text-pieces.ts).
 */
export type StoredText = string | { pieces: Iterable<string> };

export interface ResultRecord {
  id: string;
  orgId: string;
  queryKey: string;
  /** What every poll of a finished job sends: summary, totals, history (JSON text). */
  payload: string;
  /** The usage rows in columns (contract `usageRowsSchema`, JSON text): read only on demand. */
  detail?: StoredText | undefined;
  fetchedAt: number;
  expiresAt: number;
}

export interface ResultRepository {
  /** Idempotent: a result already stored under this id is kept (a retried write is harmless). */
  insert(result: ResultRecord): Promise<void>;
  /** Whether a result is stored under this id (a job that crashed after writing it resumes). */
  has(id: string): Promise<boolean>;
  /** The newest result for this question that has not expired at `now`. */
  findFresh(
    orgId: string,
    queryKey: string,
    now: number,
  ): Promise<Pick<ResultRecord, 'id' | 'fetchedAt'> | undefined>;
  /** The result without its detail (what a poll needs). */
  get(id: string): Promise<Omit<ResultRecord, 'detail'> | undefined>;
  /**
   * The result's rows in columns, piece by piece as they are read (joined: the text); null for a
   * result stored before the column existed. The pieces throw if the result goes meanwhile.
   */
  getDetail(
    id: string,
  ): Promise<{ detail: AsyncIterable<string> | Iterable<string> | null } | undefined>;
  /** Expired results no job points at any more. */
  deleteExpiredUnreferenced(now: number): Promise<number>;
}

/** One month of one question's rows (see month-slices.ts): kept, reused, composed. */
export interface SliceRecord {
  sliceKey: string;
  /** `YYYY-MM-01`. */
  month: string;
  orgId: string;
  /** The organizations the slice's question covers (who may be told of it). */
  organizations: readonly string[];
  /** The month's browser-ready rows as a JSON array. */
  payload: string;
  fetchedAt: number;
  expiresAt: number;
}

/** A slice to write: its payload may come in pieces. */
export type NewSliceRecord = Omit<SliceRecord, 'payload'> & { payload: StoredText };

export interface SliceRepository {
  /** Writes slices; one already stored for the same key and month is replaced if not newer. */
  upsert(slices: readonly NewSliceRecord[]): Promise<void>;
  /** Which of `months` have a slice for `sliceKey` that has not expired at `now` (no payloads). */
  findFresh(
    sliceKey: string,
    months: readonly string[],
    now: number,
  ): Promise<Array<Pick<SliceRecord, 'month' | 'fetchedAt'>>>;
  /**
   * The slices of `months` for `sliceKey`, expired or not (a slice replaced while it was read is
   * left out, as if it had gone).
   */
  get(sliceKey: string, months: readonly string[]): Promise<SliceRecord[]>;
  /** Which of `months` have a slice for `sliceKey` at all, expired or not (no payloads). */
  findKept(
    sliceKey: string,
    months: readonly string[],
  ): Promise<Array<Pick<SliceRecord, 'month' | 'fetchedAt'>>>;
  /**
   * The oldest kept month of an organization, per list of organizations its questions covered:
   * only months fetched after they closed (one seen while it ran is not its bill).
   */
  oldestKept(orgId: string): Promise<Array<{ organizations: string[]; month: string }>>;
  /**
   * Slices that expired before `time` of months from `fromMonth` on (Atlas still serves those,
   * so they are asked again when needed; older months are kept whatever their expiry).
   */
  deleteExpired(time: number, fromMonth: string): Promise<number>;
  /** Every slice of months before `month` (of one organization, or of all): kept history ends. */
  deleteMonthsBefore(month: string, orgId?: string): Promise<number>;
}

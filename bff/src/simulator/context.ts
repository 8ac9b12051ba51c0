import type { Authenticators } from './auth';
import type { FaultStore } from './faults';
import type { DatasetModel } from './model';
import type { QueryStore } from './query-store';
import type { RateLimiter } from './rate-limit';
import type { RequestLog } from './request-log';
import type { Timers } from './timers';
import type { ProcessingMode, SimCredentials } from './types';

/** Everything a request handler may touch; built once per simulator. */
export interface SimContext {
  now: () => Date;
  nowMs: () => number;
  settings: { processingMode: ProcessingMode; processingMs: number };
  credentials: SimCredentials;
  model: DatasetModel;
  auth: Authenticators;
  rateLimiter: RateLimiter;
  queries: QueryStore;
  faults: FaultStore;
  log: RequestLog;
  timers: Timers;
  closing: boolean;
}

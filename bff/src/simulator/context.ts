import type { Authenticators } from './auth/auth';
import type { FaultStore } from './control/faults';
import type { DatasetModel } from './dataset/model';
import type { QueryStore } from './cost-explorer/query-store';
import type { RateLimiter } from './control/rate-limit';
import type { RequestLog } from './control/request-log';
import type { Timers } from './timers';
import type { SimulatorProfileName } from './profiles';
import type { ProcessingMode, SimCredentials } from './types';

/** Everything a request handler may touch; built once per simulator. */
export interface SimContext {
  now: () => Date;
  nowMs: () => number;
  /** What tests switch at run time; the profile's answers are read per request. */
  settings: {
    profile: SimulatorProfileName;
    processingMode: ProcessingMode;
    processingMs: number;
    /** How many months back usage is served (Atlas: 18). */
    retentionMonths: number;
  };
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

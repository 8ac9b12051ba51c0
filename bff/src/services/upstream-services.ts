import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createAtlasClient, type AtlasClient } from '../atlas';
import type { AtlasCredentials, Config } from '../config';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { createCapacityTracker } from './api-capacity';
import { createBreaker } from './circuit-breaker';
import { createCostQueryService, type CostQueryService } from './cost-queries';
import { OrgRateLimiter } from './org-rate-limiter';
import { createPickerService, type PickerService } from './pickers';
import { createUpstreamRetry } from './upstream-retry';

export interface UpstreamServices {
  atlas: AtlasClient;
  costQueries: CostQueryService;
  pickers: PickerService;
  /** This process's name on the query-job leases it holds; unique per start. */
  replicaId: string;
}

/**
 * Everything that calls Atlas, wired once: one client, one circuit breaker and one per-org
 * budget shared by the cost queries and the pickers.
 */
export function createUpstreamServices(deps: {
  config: Config;
  target: { baseUrl: string; credentials: AtlasCredentials };
  store: Store;
  logger: Logger;
}): UpstreamServices {
  const { config, target, store, logger } = deps;
  const capacity = createCapacityTracker();
  const atlas = createAtlasClient({
    baseUrl: target.baseUrl,
    credentials: target.credentials,
    ...config.atlasHttp,
    // Retries happen in one layer, the services' (picker retries, the query jobs' loop), where
    // the circuit breaker and the per-org budget see every single call.
    maxRetries: 0,
    userAgent: 'atlas-cost-explorer-bff/0.1',
    logger,
    onResponseMeta: capacity.onResponseMeta,
  });
  const breaker = createBreaker({ ...config.breaker, logger });
  const retryUpstream = createUpstreamRetry({
    maxRetries: config.atlasHttp.maxRetries,
    baseMs: config.atlasHttp.retryBaseMs,
    maxMs: config.atlasHttp.retryMaxMs,
  });
  const replicaId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const costQueries = createCostQueryService({
    atlas,
    breaker,
    capacity,
    limiter: new OrgRateLimiter({
      capacity: config.rateLimit.capacity,
      refillPerMinute: config.rateLimit.perMinute,
    }),
    jobs: store.jobs,
    results: store.results,
    replicaId,
    logger,
    settings: {
      poll: config.poll,
      maxRetries: config.atlasHttp.maxRetries,
      rateLimitWait: { baseMs: config.rateLimit.waitMs, maxMs: config.rateLimit.waitMaxMs },
      // A lease outlives one Atlas call (a token call may come first) plus the margin.
      leaseMs: 2 * config.atlasHttp.timeoutMs + config.jobs.leaseMs,
      deadlineMs: config.queryDeadlineMs,
      sweepMs: config.jobs.sweepMs,
      retentionMs: config.jobs.retentionMs,
      cacheTtl: config.resultCache,
    },
  });
  const pickers = createPickerService({
    atlas,
    ttlMs: config.pickerCacheTtlMs,
    guard: (call) => retryUpstream(() => breaker.execute(call)),
  });
  return { atlas, costQueries, pickers, replicaId };
}

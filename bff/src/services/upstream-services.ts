import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createAtlasClient, type AtlasClient, type WireLog } from '../atlas';
import type { AtlasConnection, Config } from '../config';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { createCapacityTracker } from './upstream/api-capacity';
import { atlasConnections, type AtlasConnections } from './upstream/atlas-connections';
import { createBreaker } from './upstream/circuit-breaker';
import { createCostQueryService, type CostQueryService } from './cost-queries/cost-queries';
import { createHistoryService, type HistoryService } from './history';
import type { JobHooks } from './cost-queries/job-runner';
import { OrgRateLimiter } from './upstream/org-rate-limiter';
import { createSharedOrgBudget, type OrgBudget } from './upstream/shared-org-budget';
import { createOrgScope, type OrgScope } from './org-scope';
import { createPickerService, type PickerService } from './pickers';
import { createUpstreamRetry } from './upstream/upstream-retry';

export interface UpstreamServices {
  connections: AtlasConnections;
  costQueries: CostQueryService;
  /** Months kept past Atlas's window: the picker's bounds, the admin command, the retention. */
  history: HistoryService;
  pickers: PickerService;
  /** Which organizations, projects and clusters a viewer's question may cover. */
  scope: OrgScope;
  /**
   * The per-organization budgets of Atlas calls: cost queries' (in the store, one for all
   * replicas), and the lists' (in this process: Atlas's list buckets are far larger).
   */
  budgets: { queries: OrgBudget; pickers: OrgRateLimiter };
  /** This process's name on the query-job leases it holds; unique per start. */
  replicaId: string;
}

/**
 * Everything that calls Atlas, wired once: a client and a circuit breaker per connection, and
 * per-org budgets for the cost queries (shared by every replica) and the pickers.
 */
export function createUpstreamServices(deps: {
  config: Config;
  targets: readonly AtlasConnection[];
  store: Store;
  logger: Logger;
  audit: Logger;
  hooks?: JobHooks;
  /** ATLAS_WIRE_LOG's recorder, shared by every connection's client. */
  wireLog?: WireLog;
}): UpstreamServices {
  const { config, targets, store, logger, audit } = deps;
  const capacity = createCapacityTracker();
  const connections = atlasConnections(
    targets.map((target) => {
      const connectionLogger = logger.child({ connection: target.name });
      const atlas: AtlasClient = createAtlasClient({
        baseUrl: target.baseUrl,
        credentials: target.credentials,
        timeoutMs: config.atlasHttp.timeoutMs,
        processingGraceMs: config.atlasHttp.processingGraceMs,
        userAgent: 'atlas-cost-explorer-bff/0.1',
        logger: connectionLogger,
        onResponseMeta: capacity.onResponseMeta,
        ...(deps.wireLog && { wireLog: deps.wireLog }),
      });
      return {
        name: target.name,
        atlas,
        breaker: createBreaker({ ...config.breaker, logger: connectionLogger }),
        orgIds: target.orgIds && new Set(target.orgIds),
      };
    }),
  );
  const retryUpstream = createUpstreamRetry({
    maxRetries: config.atlasHttp.maxRetries,
    baseMs: config.atlasHttp.retryBaseMs,
    maxMs: config.atlasHttp.retryMaxMs,
    logger,
  });
  const replicaId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const budgets = {
    queries: createSharedOrgBudget({
      budgets: store.budgets,
      capacity: config.rateLimit.capacity,
      refillPerMinute: config.rateLimit.perMinute,
    }),
    pickers: new OrgRateLimiter({
      capacity: config.pickerRateLimit.capacity,
      refillPerMinute: config.pickerRateLimit.perMinute,
    }),
  };
  const pickers = createPickerService({
    connections,
    ttlMs: config.pickerCacheTtlMs,
    failureTtlMs: config.pickerFailureTtlMs,
    retry: retryUpstream,
    budget: budgets.pickers,
  });
  const scope = createOrgScope(pickers);
  const costQueries = createCostQueryService({
    connections,
    scope,
    lists: pickers,
    audit,
    capacity,
    limiter: budgets.queries,
    jobs: store.jobs,
    results: store.results,
    slices: store.slices,
    ...(deps.hooks && { hooks: deps.hooks }),
    replicaId,
    logger,
    settings: {
      poll: config.poll,
      maxRetries: config.atlasHttp.maxRetries,
      rateLimitWait: { baseMs: config.rateLimit.waitMs, maxMs: config.rateLimit.waitMaxMs },
      // Short: the runner's heartbeat renews it every leaseMs/3, through calls and waits alike.
      leaseMs: config.jobs.leaseMs,
      deadlineMs: config.queryDeadlineMs,
      sweepMs: config.jobs.sweepMs,
      retentionMs: config.jobs.retentionMs,
      cacheTtl: config.resultCache,
      longPollRecheckMs: config.longPollRecheckMs,
      maxIdsPerQuery: config.maxIdsPerQuery,
      atlasHistoryMonths: config.history.atlasMonths,
      keepHistoryMonths: config.history.keepMonths,
    },
  });
  const history = createHistoryService({
    slices: store.slices,
    settings: config.history,
    logger,
  });
  return { connections, costQueries, history, pickers, scope, budgets, replicaId };
}

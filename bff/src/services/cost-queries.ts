import { randomBytes } from 'node:crypto';
import { AtlasApiError, type AtlasClient } from '../atlas';
import type { CostQueryCreated, CostQueryRequest, CostQueryState } from '../contract';
import { notFound } from '../errors';
import type { Logger } from '../logger';
import { CostQueryJobs, type CostQueryJob } from './cost-query-jobs';
import { fromAtlasError } from './upstream-errors';
import { toUsageRows } from './usage-rows';

export interface CostQueryServiceOptions {
  atlas: AtlasClient;
  logger: Logger;
  /** Upstream poll backoff: first poll after initialMs, doubling up to maxMs. */
  poll: { initialMs: number; maxMs: number };
  /** A query still processing after this long is failed. */
  deadlineMs: number;
  now?: () => number;
}

export interface CostQueryService {
  create(orgId: string, query: CostQueryRequest): Promise<CostQueryCreated>;
  get(orgId: string, id: string): { state: CostQueryState; retryAfterSeconds?: number };
  cancel(orgId: string, id: string): void;
  close(): void;
}

/**
 * The BFF polls Atlas and browsers poll the BFF: one upstream loop per job however many tabs
 * watch it, and browser polls are answered from the job's state.
 */
export function createCostQueryService(options: CostQueryServiceOptions): CostQueryService {
  const now = options.now ?? Date.now;
  const jobs = new CostQueryJobs();
  const timers = new Map<string, NodeJS.Timeout>();

  const schedule = (job: CostQueryJob, delayMs: number) => {
    job.nextPollAt = now() + delayMs;
    const timer = setTimeout(() => void pollOnce(job), delayMs);
    timer.unref();
    timers.set(job.id, timer);
  };

  const finish = (job: CostQueryJob, patch: Partial<CostQueryJob>) => {
    Object.assign(job, patch, { completedAt: new Date(now()) });
    timers.delete(job.id);
  };

  async function pollOnce(job: CostQueryJob): Promise<void> {
    if (job.status !== 'processing') return;
    if (now() - job.createdAt.getTime() >= options.deadlineMs) {
      const minutes = Math.round(options.deadlineMs / 60_000);
      finish(job, {
        status: 'failed',
        error: {
          status: 504,
          title: 'Atlas did not finish the query',
          detail: `Atlas was still processing after ${minutes >= 1 ? `${minutes} min` : `${options.deadlineMs} ms`}. Try a shorter range or fewer filters, or run it again later.`,
        },
      });
      return;
    }
    try {
      const answer = await options.atlas.getUsageQuery(job.orgId, job.token);
      if (!timers.has(job.id)) return; // cancelled while the poll was in flight
      if (answer.status === 'done') {
        finish(job, {
          status: 'done',
          result: (({ rows, totals }) => ({ usageDetails: rows, totals }))(
            toUsageRows(answer.usageDetails),
          ),
        });
        return;
      }
      job.pollDelayMs = Math.min(job.pollDelayMs * 2, options.poll.maxMs);
      schedule(job, job.pollDelayMs);
    } catch (err) {
      if (!timers.has(job.id)) return;
      if (err instanceof AtlasApiError && err.status === 429) {
        // Atlas asked us to wait: keep the job alive and come back after Retry-After.
        schedule(job, Math.max(err.retryAfterMs ?? options.poll.maxMs, options.poll.initialMs));
        return;
      }
      const appError = fromAtlasError(err);
      options.logger.warn(
        { jobId: job.id, orgId: job.orgId, status: appError.status },
        'cost query failed',
      );
      finish(job, {
        status: 'failed',
        error: {
          status: appError.status,
          title: appError.title,
          detail: appError.detail ?? appError.title,
        },
      });
    }
  }

  return {
    async create(orgId, query) {
      let token: string;
      try {
        ({ token } = await options.atlas.createUsageQuery(orgId, query));
      } catch (err) {
        throw fromAtlasError(err);
      }
      const job: CostQueryJob = {
        id: randomBytes(16).toString('base64url'),
        orgId,
        query,
        token,
        createdAt: new Date(now()),
        status: 'processing',
        nextPollAt: 0,
        pollDelayMs: options.poll.initialMs,
      };
      jobs.add(job);
      schedule(job, options.poll.initialMs);
      options.logger.info({ jobId: job.id, orgId, query }, 'cost query created');
      return { id: job.id, status: job.status };
    },

    get(orgId, id) {
      const job = jobs.find(orgId, id);
      if (!job) throw notFound('This query');
      const base = {
        id: job.id,
        orgId: job.orgId,
        query: job.query,
        createdAt: job.createdAt.toISOString(),
      };
      if (job.status === 'done' && job.result) {
        return {
          state: {
            ...base,
            status: 'done',
            completedAt: (job.completedAt ?? job.createdAt).toISOString(),
            result: job.result,
          },
        };
      }
      if (job.status === 'failed' && job.error) {
        return { state: { ...base, status: 'failed', error: job.error } };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((job.nextPollAt - now()) / 1000));
      return {
        state: {
          ...base,
          status: 'processing',
          elapsedMs: Math.max(0, now() - job.createdAt.getTime()),
        },
        retryAfterSeconds,
      };
    },

    cancel(orgId, id) {
      const job = jobs.find(orgId, id);
      if (!job) throw notFound('This query');
      clearTimeout(timers.get(id));
      timers.delete(id);
      jobs.delete(id);
    },

    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

import type { AppError } from '../../errors';
import type { Logger } from '../../logger';
import {
  IN_FLIGHT_PHASES,
  type JobPatch,
  type JobRecord,
  type JobRepository,
  type ResultRepository,
  type SliceRepository,
} from '../../store/job-types';
import { resultTtlMs, type CacheTtls } from './cache-policy';
import type { JobFailures } from './job-failures';
import { callAtlas, type StepDeps } from './job-step';
import { jobQueryOf, planOf } from './job-query';
import { assembleResult, partResultId, storePart } from './result-assembly';
import { JobSweeper } from './job-sweeper';
import { LeaseHeartbeat } from './lease-heartbeat';
import {
  donePatch,
  failedPatch,
  nextPartPatch,
  transition,
  type TransitionSettings,
} from './job-transitions';

export interface RunnerSettings extends TransitionSettings {
  /** How often this replica looks for jobs nobody is polling (new, orphaned, released). */
  sweepMs: number;
  /** Finished jobs and expired results are deleted after this long. */
  retentionMs: number;
  cacheTtl: CacheTtls;
  /** How long one part of a job may take with Atlas (each part gets it anew). */
  deadlineMs: number;
  /** How many months back Atlas serves (older months are answered from kept slices). */
  atlasHistoryMonths: number;
  /** How many months back kept slices are kept at all (older ones are deleted by the sweeper). */
  keepHistoryMonths: number;
}

export interface RunnerDeps extends StepDeps {
  jobs: JobRepository;
  results: ResultRepository;
  slices: SliceRepository;
  replicaId: string;
  settings: RunnerSettings;
  failures: JobFailures;
  logger: Logger;
  now: () => number;
  /** Test hooks at the steps a crash could fall between (never set in production). */
  hooks?: JobHooks;
  /** Told about every job this runner saves (held long polls wait for these). */
  onSaved?: (job: JobRecord) => void;
}

export interface JobHooks {
  /** Runs after a result is stored and before its job is marked done. */
  afterResultWrite?: (jobId: string) => void | Promise<void>;
}

export interface StepReport {
  job?: JobRecord;
  failure?: AppError;
}

/**
 * The BFF polls Atlas, browsers poll the BFF. A job is driven by the replica holding its lease:
 * one timer per job here, one upstream call per step. Every write is a compare-and-set on the
 * lease, so a replica that lost a job (taken over, cancelled, finished elsewhere) just stops.
 */
export class JobRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly active = new Map<string, Promise<StepReport>>();
  private readonly sweeper: JobSweeper;
  private readonly heartbeat: LeaseHeartbeat;
  /** Aborted on stop: a hanging Atlas call must not hold the shutdown (and the leases) up. */
  private readonly stopping = new AbortController();
  private stopped = false;

  constructor(private readonly deps: RunnerDeps) {
    this.sweeper = new JobSweeper(deps, (job) => this.schedule(job));
    // The jobs this runner drives: waiting on a timer, or in a step right now.
    this.heartbeat = new LeaseHeartbeat(deps, () => [
      ...new Set([...this.timers.keys(), ...this.active.keys()]),
    ]);
  }

  start(): void {
    this.sweeper.start();
    this.heartbeat.start();
  }

  /** Runs a job's next step now, in the caller's request (the creator's POST). */
  runNow(id: string): Promise<StepReport> {
    return this.run(id, 'sync');
  }

  schedule(job: JobRecord): void {
    if (this.stopped || this.active.has(job.id)) return;
    clearTimeout(this.timers.get(job.id));
    const timer = setTimeout(
      () => {
        this.timers.delete(job.id);
        void this.run(job.id, 'background');
      },
      Math.max(0, job.nextAttemptAt - this.deps.now()),
    );
    timer.unref();
    this.timers.set(job.id, timer);
  }

  forget(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** Stops every loop, waits for calls in flight, and hands the leases back. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort(new Error('the BFF is shutting down'));
    await this.sweeper.stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.active.values());
    await this.heartbeat.stop();
    const released = await this.deps.jobs.release(this.deps.replicaId);
    if (released > 0) this.deps.logger.info({ released }, 'released query job leases');
  }

  private run(id: string, mode: 'sync' | 'background'): Promise<StepReport> {
    const running = this.active.get(id);
    if (running) return running;
    const step = this.step(id, mode)
      .catch((err: unknown): StepReport => {
        // A store hiccup: the lease runs out and this or another replica picks the job up again.
        this.deps.logger.error({ jobId: id, err: String(err) }, 'query job step failed');
        return {};
      })
      .then((report) => {
        this.active.delete(id);
        if (report.job && IN_FLIGHT_PHASES.includes(report.job.phase)) this.schedule(report.job);
        return report;
      });
    this.active.set(id, step);
    return step;
  }

  private async step(id: string, mode: 'sync' | 'background'): Promise<StepReport> {
    const { jobs, replicaId: me, settings, now, failures } = this.deps;
    const job = await jobs.update(id, me, { leaseUntil: now() + settings.leaseMs });
    if (!job) return {}; // not ours any more
    if (now() >= job.deadlineAt) {
      const late = failures.deadline(job);
      return this.save(job, failedPatch(late, now()), late);
    }
    // A step that stored the result and then died before marking the job done (a crash, a lost
    // connection): the result is there, so the job is finished without asking Atlas again.
    // The same for a part before the last: its rows are there, the next part is asked.
    if (job.token !== null) {
      const query = jobQueryOf(job);
      const parts = query ? planOf(query).parts.length : 1;
      if (job.part < parts - 1 && (await this.deps.results.has(partResultId(id, job.part)))) {
        return this.save(job, nextPartPatch(job.part + 1, now(), settings));
      }
      const stored = job.part >= parts - 1 && (await this.deps.results.get(id));
      if (stored) return this.save(job, donePatch(id, stored.fetchedAt, now()));
    }
    const outcome = await callAtlas(job, this.deps, this.stopping.signal);
    // Cut short by shutdown: nothing is written, the job resumes wherever its lease goes next.
    if (this.stopping.signal.aborted) return {};
    const at = now();
    if (outcome.kind === 'done' && outcome.result) {
      const { droppedRows, usageDetails } = outcome.result;
      if (droppedRows > 0) {
        // Atlas sent rows of organizations the query did not name: none of them is kept.
        this.deps.logger.warn(
          { jobId: id, orgId: job.orgId, droppedRows },
          'dropped result rows of organizations outside the query',
        );
      }
      const query = jobQueryOf(job);
      if (!query) return {};
      const parts = planOf(query).parts.length;
      if (job.part < parts - 1) {
        // Not the last part: its rows wait in the store, and the next part is asked at once.
        await storePart(this.deps, job, usageDetails, at);
        return this.save(job, nextPartPatch(job.part + 1, at, settings));
      }
      const assembled = await assembleResult(this.deps, job, query, usageDetails, at);
      if ('failure' in assembled) {
        return this.save(job, failedPatch(assembled.failure, at), assembled.failure);
      }
      const ttl = resultTtlMs(query.atlas, new Date(at), settings.cacheTtl);
      const { orgId, queryKey } = job;
      await this.deps.results.insert({
        id,
        orgId,
        queryKey,
        payload: assembled.payload,
        detail: assembled.detail,
        fetchedAt: assembled.fetchedAt,
        expiresAt: at + ttl,
      });
      await this.deps.hooks?.afterResultWrite?.(id);
      return this.save(job, donePatch(id, assembled.fetchedAt, at));
    }
    const next = transition(job, outcome, mode, settings, at, failures.tooLate);
    if (outcome.kind === 'rate-limited' && next.patch.waitingUntil) {
      await this.pauseOrg(job.orgId, next.patch.waitingUntil);
    }
    const capacity = outcome.capacity
      ? { capacityRemaining: outcome.capacity.remaining, capacityLimit: outcome.capacity.limit }
      : {};
    return this.save(job, { ...next.patch, ...capacity }, next.failure);
  }

  /** Every replica holds this org's calls after Atlas's 429; a store hiccup only costs that. */
  private async pauseOrg(orgId: string, untilMs: number): Promise<void> {
    try {
      await this.deps.limiter.pause(orgId, untilMs);
    } catch (err) {
      this.deps.logger.warn({ orgId, err: String(err) }, 'could not share a 429 pause');
    }
  }

  /** Writes the step's outcome, if the job is still ours. */
  private async save(job: JobRecord, patch: JobPatch, failure?: AppError) {
    const saved = await this.deps.jobs.update(job.id, this.deps.replicaId, patch);
    if (saved) this.deps.onSaved?.(saved);
    if (failure) {
      this.deps.logger.warn(
        { jobId: job.id, status: failure.status, title: failure.title },
        'cost query failed',
      );
    }
    return { ...(saved && { job: saved }), ...(failure && { failure }) };
  }
}

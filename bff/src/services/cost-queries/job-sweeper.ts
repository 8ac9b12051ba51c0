import type { Logger } from '../../logger';
import { retentionWindow } from '../../contract';
import { keptHistoryFloor } from './month-slices';
import type {
  JobRecord,
  JobRepository,
  ResultRepository,
  SliceRepository,
} from '../../store/job-types';
import type { OrgBudget } from '../upstream/shared-org-budget';

export interface SweeperDeps {
  jobs: JobRepository;
  results: ResultRepository;
  slices: SliceRepository;
  /** Its full buckets are forgotten with the cleanup. */
  limiter: Pick<OrgBudget, 'prune'>;
  replicaId: string;
  settings: {
    sweepMs: number;
    leaseMs: number;
    retentionMs: number;
    atlasHistoryMonths: number;
    keepHistoryMonths: number;
  };
  logger: Logger;
  now: () => number;
}

const CLAIM_BATCH = 50;
const CLEANUP_EVERY_MS = 10 * 60_000;

/**
 * Every `sweepMs`, takes over in-flight jobs whose lease is missing or has run out — released
 * by a replica that shut down, or left by one that died — and hands them to `resume`. Now and
 * then it also deletes finished jobs and expired results past their retention, and the rows of
 * organizations' Atlas budgets that are full again (a missing row is a full bucket).
 */
export class JobSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private lastCleanup = 0;
  private stopped = false;

  constructor(
    private readonly deps: SweeperDeps,
    private readonly resume: (job: JobRecord) => void,
  ) {}

  start(): void {
    this.sweeping = this.sweep();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }

  /**
   * Month slices: an expired one of a month Atlas still serves goes after the retention (it is
   * asked again when needed); older months are kept whatever their expiry, until they fall out
   * of HISTORY_KEEP_MONTHS.
   */
  private async pruneSlices(): Promise<void> {
    const { slices, settings, now, logger } = this.deps;
    const at = new Date(now());
    const { earliestStart } = retentionWindow(at, settings.atlasHistoryMonths);
    const expired = await slices.deleteExpired(now() - settings.retentionMs, earliestStart);
    const floor = keptHistoryFloor(at, settings.keepHistoryMonths);
    const old = await slices.deleteMonthsBefore(floor);
    if (expired + old > 0) logger.info({ expired, old, floor }, 'pruned kept months');
  }

  private async sweep(): Promise<void> {
    const { jobs, results, replicaId, settings, now, logger } = this.deps;
    try {
      const claimed = await jobs.claimExpired(replicaId, now(), settings.leaseMs, CLAIM_BATCH);
      for (const job of claimed) this.resume(job);
      if (claimed.length > 0) logger.info({ count: claimed.length }, 'resumed query jobs');
      if (now() - this.lastCleanup >= CLEANUP_EVERY_MS) {
        this.lastCleanup = now();
        await jobs.deleteFinishedBefore(now() - settings.retentionMs);
        await results.deleteExpiredUnreferenced(now() - settings.retentionMs);
        await this.pruneSlices();
        await this.deps.limiter.prune();
      }
    } catch (err) {
      logger.warn({ err: String(err) }, 'query job sweep failed; will try again');
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep();
    }, settings.sweepMs);
    this.timer.unref();
  }
}

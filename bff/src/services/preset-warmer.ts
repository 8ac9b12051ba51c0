import type { AccessRules, AuthConfig } from '../config';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { JobRepository } from '../store/job-types';
import type { WarmingRepository } from '../store/warming';
import { LOCAL_VIEWER, viewerFor, type Viewer } from './access';
import type { CostQueryService } from './cost-queries/cost-queries';
import type { PresetService } from './presets';

export interface WarmerSettings {
  /** Presets opened within this many days are warmed; 0 turns warming off. */
  openedWithinDays: number;
  /** The quiet hour (UTC, 0–23) of the daily run. */
  hourUtc: number;
  /** How often the warmer looks whether a run is due. */
  checkMs: number;
  /** How often a waiting warm query looks again whether the organization is idle. */
  yieldMs: number;
  /** Longest wait for one warm query (behind others, then with Atlas) before moving on. */
  maxWaitMs: number;
}

/** At most this many opens per run: a preset shared with a whole company is warmed per viewer. */
const MAX_OPENS_PER_RUN = 1000;
/** The watch a warm query holds: never a person's, so no DELETE of theirs ends it. */
const WARMER_WATCH = 'warmer';

/**
 * Warm before asked: presets opened lately are asked again in the background, once a day at a
 * quiet hour and once after each month closes, so opening one in the morning answers from the
 * store (its result and month slices). A warm question is asked as the viewer who opened the
 * preset, under today's access rules (a revoked grant warms nothing), one at a time, only while
 * the organization has no other question in flight (interactive ones go first), and through the
 * organization's Atlas budget like any other. One replica does each run: the first to claim it.
 */
export class PresetWarmer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      warming: WarmingRepository;
      jobs: Pick<JobRepository, 'countInFlight' | 'get'>;
      presets: Pick<PresetService, 'get'>;
      costQueries: Pick<CostQueryService, 'create'>;
      auth: AuthConfig;
      access: AccessRules;
      replicaId: string;
      settings: WarmerSettings;
      logger: Logger;
      now?: () => number;
      /** Waits between checks (tests pass a fake); default setTimeout. */
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  start(): void {
    if (this.deps.settings.openedWithinDays <= 0) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** The runs due at `at`: today's quiet-hour run once the hour has come, and this month's. */
  static dueRuns(at: number, hourUtc: number): string[] {
    const date = new Date(at);
    const day = date.toISOString().slice(0, 10);
    const month = day.slice(0, 7);
    return [`month:${month}`, ...(date.getUTCHours() >= hourUtc ? [`day:${day}`] : [])];
  }

  /** One check: claims each due run nobody claimed yet and warms for it. */
  async check(): Promise<number> {
    const { warming, replicaId, settings, logger } = this.deps;
    const at = this.now();
    let warmed = 0;
    const due = PresetWarmer.dueRuns(at, settings.hourUtc);
    for (const run of due) {
      if (this.stopped) break;
      if (!(await warming.claimRun(run, replicaId, at))) {
        logger.debug({ run }, 'warming run already claimed');
        continue;
      }
      const count = await this.warmAll(at);
      warmed += count;
      logger.info({ run, warmed: count }, 'warmed presets');
    }
    return warmed;
  }

  /** Asks again every preset opened lately, as the viewer who opened it. */
  async warmAll(at: number): Promise<number> {
    const { warming, settings, logger } = this.deps;
    const since = at - settings.openedWithinDays * 86_400_000;
    await warming.deleteOpensBefore(since);
    let warmed = 0;
    for (const open of await warming.openedSince(since, MAX_OPENS_PER_RUN)) {
      if (this.stopped) break;
      try {
        if (await this.warmOne(open.presetId, this.viewerOf(open.viewerId, open.viewerGroups))) {
          warmed += 1;
        }
      } catch (err) {
        // Deleted, no longer visible to that viewer, or refused: that preset is skipped.
        const reason = err instanceof AppError ? `${err.status} ${err.title}` : String(err);
        logger.info({ presetId: open.presetId, reason }, 'preset not warmed');
      }
    }
    return warmed;
  }

  private async warmOne(presetId: string, viewer: Viewer | undefined): Promise<boolean> {
    if (!viewer) return false;
    const { presets, costQueries, jobs, settings } = this.deps;
    const preset = await presets.get(viewer, presetId, { record: false });
    const orgId = preset.query.orgId;
    // Behind interactive questions: nothing of this organization may be in flight.
    const deadline = this.now() + settings.maxWaitMs;
    while ((await jobs.countInFlight(orgId)) > 0) {
      if (this.stopped || this.now() >= deadline) return false;
      await this.sleep(settings.yieldMs);
    }
    const created = await costQueries.create(viewer, preset.query, { watcher: WARMER_WATCH });
    // One at a time: the next waits until this one has finished (or the wait is over).
    while (created.status === 'processing' && !this.stopped && this.now() < deadline) {
      const job = await jobs.get(created.id);
      if (!job || (job.phase !== 'queued' && job.phase !== 'polling')) break;
      await this.sleep(settings.yieldMs);
    }
    return true;
  }

  /** The viewer as the access rules say today; undefined when they may see nothing. */
  private viewerOf(id: string, groups: readonly string[]): Viewer | undefined {
    if (this.deps.auth.mode === 'none') return id === LOCAL_VIEWER.id ? LOCAL_VIEWER : undefined;
    return viewerFor({ email: id, groups }, this.deps.access);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.check()
        .catch((err: unknown) => {
          this.deps.logger.warn({ err: String(err) }, 'preset warming failed; will try again');
        })
        .then(() => this.schedule(this.deps.settings.checkMs));
    }, delayMs);
    this.timer.unref();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private sleep(ms: number): Promise<void> {
    if (this.deps.sleep) return this.deps.sleep(ms);
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
    });
  }
}

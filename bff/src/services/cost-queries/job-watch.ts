import { EventEmitter } from 'node:events';
import type { JobRecord, JobRepository } from '../../store/job-types';

/**
 * What a browser sees change while a job is processing: its phase, the wait it shows a countdown
 * for, the part being asked (the page counts the answered ones) and the error. Not
 * `nextAttemptAt` or the capacity figures: those move on every Atlas poll, and ending a held poll
 * on each would turn the long poll back into a short one.
 */
const fingerprintOf = (job: JobRecord | undefined): string =>
  job ? `${job.phase}|${job.waitingUntil ?? ''}|${job.part}|${job.resultId ?? ''}` : 'gone';

/**
 * Long polls' side of the job runner: the runner tells it about every job it saves, and held
 * polls wait here for their job to change. A short re-check of the store (one read per watched
 * job per tick, however many polls hold it) notices jobs another replica advanced.
 */
export class JobWatch {
  private readonly changes = new EventEmitter();
  private readonly rechecks = new Map<string, { timer: NodeJS.Timeout; holders: number }>();
  private readonly closing = new AbortController();

  constructor(
    private readonly jobs: Pick<JobRepository, 'get'>,
    /** How often a watched job is read again from the store (0: only this replica's saves). */
    private readonly recheckMs: number,
  ) {
    // Any number of browsers may hold polls on one job.
    this.changes.setMaxListeners(0);
  }

  /** The runner saved `job` (or the re-check read it). */
  notify(job: JobRecord): void {
    this.changes.emit(job.id, job);
  }

  /** Held polls on a job (tests check that a closed connection leaves none behind). */
  holders(id?: string): number {
    return id === undefined
      ? this.changes.eventNames().reduce((n, name) => n + this.changes.listenerCount(name), 0)
      : this.changes.listenerCount(id);
  }

  /**
   * Resolves when `job` looks different to a browser, after `waitMs`, when `signal` aborts (the
   * browser went away) or when the BFF shuts down, whichever comes first. Never rejects.
   */
  waitForChange(job: JobRecord, waitMs: number, signal: AbortSignal): Promise<void> {
    const seen = fingerprintOf(job);
    return new Promise<void>((resolve) => {
      const signals = [signal, this.closing.signal];
      if (signals.some((s) => s.aborted)) {
        resolve();
        return;
      }
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        for (const s of signals) s.removeEventListener('abort', end);
        this.changes.off(job.id, onChange);
        this.unhold(job.id);
        resolve();
      };
      const onChange = (next: JobRecord | undefined) => {
        if (fingerprintOf(next) !== seen) end();
      };
      const timer = setTimeout(end, waitMs);
      for (const s of signals) s.addEventListener('abort', end, { once: true });
      this.changes.on(job.id, onChange);
      this.hold(job.id);
    });
  }

  /** Ends every held poll at once (shutdown: the server's drain must not wait for them). */
  close(): void {
    this.closing.abort();
  }

  private hold(id: string): void {
    const recheck = this.rechecks.get(id);
    if (recheck) {
      recheck.holders += 1;
      return;
    }
    if (this.recheckMs <= 0) return;
    const timer = setInterval(() => {
      this.jobs.get(id).then(
        (job) => this.changes.emit(id, job),
        () => undefined, // a store hiccup: the next tick (or the wait's end) answers
      );
    }, this.recheckMs);
    timer.unref();
    this.rechecks.set(id, { timer, holders: 1 });
  }

  private unhold(id: string): void {
    const recheck = this.rechecks.get(id);
    if (!recheck) return;
    recheck.holders -= 1;
    if (recheck.holders > 0) return;
    clearInterval(recheck.timer);
    this.rechecks.delete(id);
  }
}

import type { Logger } from '../../logger';
import type { JobRepository } from '../../store/job-types';

export interface HeartbeatDeps {
  jobs: JobRepository;
  replicaId: string;
  settings: { leaseMs: number };
  logger: Logger;
  now: () => number;
}

/**
 * Keeps the leases of the jobs this replica is driving alive: every leaseMs/3, one UPDATE moves
 * them to now + leaseMs. So a lease can be short (a killed replica's jobs are taken over within
 * about leaseMs + sweepMs) however long a job waits between calls. Only jobs with a timer or a
 * step running here are renewed: a job whose step died of a store error is not, and its lease
 * runs out for the sweeper, as before the heartbeat.
 */
export class LeaseHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: HeartbeatDeps,
    private readonly held: () => string[],
  ) {}

  start(): void {
    this.next();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.beating;
  }

  private next(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.beating = this.beat().finally(() => this.next());
      },
      Math.max(1, Math.floor(this.deps.settings.leaseMs / 3)),
    );
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const { jobs, replicaId, settings, now, logger } = this.deps;
    const ids = this.held();
    if (ids.length === 0) return;
    try {
      await jobs.renew(replicaId, ids, now() + settings.leaseMs);
    } catch (err) {
      // Two more beats before the leases run out; after that another replica takes over.
      logger.warn({ err: String(err), jobs: ids.length }, 'query job lease renewal failed');
    }
  }
}

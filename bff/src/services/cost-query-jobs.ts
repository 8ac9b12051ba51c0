import type { CostQueryRequest, CostQueryTotals, UsageRow } from '../contract';

/** One browser-visible query: the BFF's id, never Atlas's token, is what leaves the server. */
export interface CostQueryJob {
  id: string;
  orgId: string;
  query: CostQueryRequest;
  /** Atlas's token: kept server-side only. */
  token: string;
  createdAt: Date;
  status: 'processing' | 'done' | 'failed';
  nextPollAt: number;
  pollDelayMs: number;
  completedAt?: Date;
  result?: { usageDetails: UsageRow[]; totals: CostQueryTotals };
  error?: { title: string; detail: string; status: number };
}

/** In-memory job table; the persistent, replica-safe store replaces it (see docs/decisions). */
export class CostQueryJobs {
  private readonly jobs = new Map<string, CostQueryJob>();

  add(job: CostQueryJob): void {
    this.jobs.set(job.id, job);
  }

  /** A job is visible only through the org it was created for. */
  find(orgId: string, id: string): CostQueryJob | undefined {
    const job = this.jobs.get(id);
    return job && job.orgId === orgId ? job : undefined;
  }

  delete(id: string): void {
    this.jobs.delete(id);
  }
}

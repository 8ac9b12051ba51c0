import { AppError } from '../../errors';
import type { JobRecord } from '../../store/job-types';

const duration = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1) return `${minutes} min`;
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
};

/** The messages a job fails with when time, not Atlas, ends it. They say what to do next. */
export function createJobFailures(deadlineMs: number) {
  return {
    deadline: (job: JobRecord): AppError => {
      if (job.phase === 'queued') {
        return new AppError({
          status: 503,
          title: 'Atlas did not accept the query in time',
          detail: `The query waited ${duration(deadlineMs)} for Atlas (rate limit or outage) without being accepted. Try again later.`,
        });
      }
      return new AppError({
        status: 504,
        title: 'Atlas did not finish the query',
        detail: `Atlas was still processing after ${duration(deadlineMs)}. Try a shorter range or fewer filters, or run it again later.`,
      });
    },
    tooLate: (reason: 'rate-limited' | 'throttled', waitMs: number): AppError => {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      return new AppError({
        status: 503,
        title: 'Atlas rate limit reached',
        detail:
          reason === 'rate-limited'
            ? `Atlas asked the dashboard to wait ${seconds} s, longer than this query may still run. Try again in ${seconds} s.`
            : `This organization has used the dashboard's Atlas budget for now. Try again in ${seconds} s.`,
        retryAfterSeconds: seconds,
      });
    },
  };
}

export type JobFailures = ReturnType<typeof createJobFailures>;

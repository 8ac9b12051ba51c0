import { AsyncLocalStorage } from 'node:async_hooks';
import type { AtlasResponseMeta } from '../../atlas';
import type { ApiCapacity } from '../../contract';

/**
 * Atlas reports its rate-limit bucket in `RateLimit-Limit`/`-Remaining` headers (when it feels
 * like it). The client hands every response's headers to one callback; this ties each report to
 * the call that caused it, so a job can show its organization's remaining capacity.
 */
export function createCapacityTracker() {
  const calls = new AsyncLocalStorage<{ seen?: ApiCapacity }>();
  return {
    /** Give this to the Atlas client as `onResponseMeta`. */
    onResponseMeta(this: void, meta: AtlasResponseMeta): void {
      const call = calls.getStore();
      if (!call || meta.rateLimitRemaining === undefined || meta.rateLimitLimit === undefined) {
        return;
      }
      call.seen = { remaining: meta.rateLimitRemaining, limit: meta.rateLimitLimit };
    },
    /** Runs one Atlas call and reports the capacity its answer carried, if any. */
    async observe<T>(
      call: () => Promise<T>,
    ): Promise<{ value: T; capacity?: ApiCapacity } | { error: unknown; capacity?: ApiCapacity }> {
      const context: { seen?: ApiCapacity } = {};
      return calls.run(context, async () => {
        try {
          const value = await call();
          return { value, ...(context.seen && { capacity: context.seen }) };
        } catch (error) {
          return { error, ...(context.seen && { capacity: context.seen }) };
        }
      });
    },
  };
}

export type CapacityTracker = ReturnType<typeof createCapacityTracker>;

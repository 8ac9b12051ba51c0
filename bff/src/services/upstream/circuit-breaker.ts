import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import { isOutage } from './upstream-errors';

export interface BreakerOptions {
  /** Consecutive outage-like failures (5xx, network, timeout) that open the circuit. */
  failures: number;
  /** How long the circuit stays open before one probe call is let through. */
  halfOpenAfterMs: number;
  logger: Logger;
}

/** What a caller gets while the circuit is open: no Atlas call was made. */
export class CircuitOpenError extends AppError {
  constructor(readonly retryInMs: number) {
    const seconds = Math.max(1, Math.ceil(retryInMs / 1000));
    super({
      status: 503,
      title: 'Atlas is unavailable',
      detail: `Several calls to Atlas failed in a row, so the dashboard pauses before trying again (in about ${seconds} s).`,
      retryAfterSeconds: seconds,
    });
  }
}

export interface Breaker {
  /** Runs `call` unless the circuit is open; 4xx and 429 answers never count as failures. */
  execute<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * One breaker per BFF process for every Atlas call (Atlas being down is not per query). Built
 * on cockatiel's: while open it fails fast, after `halfOpenAfterMs` exactly one probe goes
 * through (concurrent callers wait for it) and a success closes it.
 */
export function createBreaker(options: BreakerOptions): Breaker {
  const policy: CircuitBreakerPolicy = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.failures),
  });
  // cockatiel measures the open period with Date.now(); so does the Retry-After we promise.
  let openedAt = 0;
  policy.onBreak(() => {
    openedAt = Date.now();
    options.logger.warn(
      { failures: options.failures, halfOpenAfterMs: options.halfOpenAfterMs },
      'Atlas circuit opened: failing fast',
    );
  });
  policy.onReset(() => options.logger.info({}, 'Atlas circuit closed again'));

  return {
    async execute(call) {
      try {
        return await policy.execute(call);
      } catch (err) {
        if (!(err instanceof BrokenCircuitError)) throw err;
        throw new CircuitOpenError(openedAt + options.halfOpenAfterMs - Date.now());
      }
    },
  };
}

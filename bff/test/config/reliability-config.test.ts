import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { configErrorOf } from '../support/config';

describe('reliability settings', () => {
  it('default to Atlas-friendly values', () => {
    const config = loadConfig({});
    expect(config.resultCache).toEqual({ closedMs: 6 * 3_600_000, openMs: 600_000 });
    expect(config.rateLimit).toEqual({
      capacity: 400,
      perMinute: 80,
      waitMs: 10_000,
      waitMaxMs: 300_000,
    });
    expect(config.breaker).toEqual({ failures: 5, halfOpenAfterMs: 30_000 });
    expect(config.jobs).toEqual({ leaseMs: 5_000, sweepMs: 1_000, retentionMs: 86_400_000 });
    expect(config.queryDeadlineMs).toBe(600_000);
  });

  it('accept 0 to switch the result cache off', () => {
    const config = loadConfig({ RESULT_CACHE_CLOSED_TTL_MS: '0', RESULT_CACHE_OPEN_TTL_MS: '0' });
    expect(config.resultCache).toEqual({ closedMs: 0, openMs: 0 });
  });

  it('refuse a budget or a breaker of zero, naming the variables', () => {
    const { message } = configErrorOf({
      ATLAS_RATE_LIMIT_CAPACITY: '0',
      BREAKER_FAILURES: '0',
      JOB_LEASE_MS: '-1',
    });
    for (const name of ['ATLAS_RATE_LIMIT_CAPACITY', 'BREAKER_FAILURES', 'JOB_LEASE_MS']) {
      expect(message).toContain(name);
    }
  });
});

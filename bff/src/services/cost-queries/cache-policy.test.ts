import { describe, expect, it } from 'vitest';
import { resultTtlMs } from './cache-policy';

const ttls = { closedMs: 6 * 3_600_000, openMs: 600_000 };
const now = new Date('2026-11-27T06:00:00Z');

describe('how long a result is reused', () => {
  it('keeps a range of ended months for hours', () => {
    expect(resultTtlMs({ endDate: '2026-11-01' }, now, ttls)).toBe(ttls.closedMs);
  });

  it('keeps a range that includes the current month for minutes', () => {
    expect(resultTtlMs({ endDate: '2026-12-01' }, now, ttls)).toBe(ttls.openMs);
  });
});

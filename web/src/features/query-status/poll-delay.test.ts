import { describe, expect, it } from 'vitest';
import { nextPollDelayMs } from './poll-delay';

describe('nextPollDelayMs', () => {
  it('starts at 1 s and grows to at most 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => nextPollDelayMs(n))).toEqual([
      1000, 1500, 2250, 3375, 5000, 5000, 5000,
    ]);
  });

  it('never polls sooner than Retry-After says', () => {
    expect(nextPollDelayMs(0, 3)).toBe(3000);
    expect(nextPollDelayMs(4, 1)).toBe(5000);
    expect(nextPollDelayMs(0, 10)).toBe(10_000);
  });
});

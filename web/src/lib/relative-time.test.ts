import { describe, expect, it } from 'vitest';
import { formatTimeAgo } from './relative-time';

describe('formatTimeAgo', () => {
  it('says "just now" under a minute, and for clocks that disagree', () => {
    expect(formatTimeAgo(0)).toBe('just now');
    expect(formatTimeAgo(59_999)).toBe('just now');
    expect(formatTimeAgo(-5_000)).toBe('just now');
    expect(formatTimeAgo(Number.NaN)).toBe('just now');
  });

  it('rounds down to whole minutes, hours and days, singular for one', () => {
    expect(formatTimeAgo(60_000)).toBe('1 minute ago');
    expect(formatTimeAgo(5 * 60_000 + 59_000)).toBe('5 minutes ago');
    expect(formatTimeAgo(60 * 60_000)).toBe('1 hour ago');
    expect(formatTimeAgo(23 * 60 * 60_000)).toBe('23 hours ago');
    expect(formatTimeAgo(49 * 60 * 60_000)).toBe('2 days ago');
  });
});

import { describe, expect, it } from 'vitest';
import { formatElapsed } from './format-elapsed';

describe('formatElapsed', () => {
  it('shows seconds, then minutes and seconds', () => {
    expect(formatElapsed(0)).toBe('0 s');
    expect(formatElapsed(42_999)).toBe('42 s');
    expect(formatElapsed(65_000)).toBe('1 min 05 s');
  });

  it('never shows a negative time', () => {
    expect(formatElapsed(-500)).toBe('0 s');
  });
});

import { describe, expect, it } from 'vitest';
import { formatUsd, sumCents } from './money';

describe('money', () => {
  it('sums integer cents exactly where floats would drift', () => {
    // 0.1 + 0.2 style drift: ten lines of $0.10 are exactly $1.00.
    expect(sumCents(Array.from({ length: 10 }, () => 10))).toBe(100);
    expect(sumCents([5119, 2, -700])).toBe(4421);
    expect(sumCents([])).toBe(0);
  });

  it('refuses fractional cents instead of rounding them away', () => {
    expect(() => sumCents([1.5])).toThrow(TypeError);
  });

  it('formats cents as US dollars', () => {
    expect(formatUsd(123456, 'en-US')).toBe('$1,234.56');
    expect(formatUsd(5, 'en-US')).toBe('$0.05');
    expect(formatUsd(0, 'en-US')).toBe('$0.00');
  });

  it('formats credits (negative amounts) with a sign', () => {
    expect(formatUsd(-500, 'en-US')).toBe('-$5.00');
    expect(formatUsd(-1, 'en-US')).toBe('-$0.01');
  });

  it('formats large totals without losing a cent', () => {
    expect(formatUsd(900719925474099, 'en-US')).toBe('$9,007,199,254,740.99');
  });

  it("uses the browser's locale by default", () => {
    const expected = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: 'USD',
    }).format(12.34);
    expect(formatUsd(1234)).toBe(expected);
  });
});

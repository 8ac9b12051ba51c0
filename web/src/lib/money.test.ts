import { describe, expect, it } from 'vitest';
import { centsToDecimal, formatPercentChange, formatUsd, formatUsdChange, sumCents } from './money';

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

  it('writes plain decimals for exports: dot, no symbol, no grouping', () => {
    expect(centsToDecimal(123450)).toBe('1234.50');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(900719925474099)).toBe('9007199254740.99');
  });

  it('signs changes and percentages', () => {
    expect(formatUsdChange(1200, 'en-US')).toBe('+$12.00');
    expect(formatUsdChange(-350, 'en-US')).toBe('-$3.50');
    expect(formatUsdChange(0, 'en-US')).toBe('$0.00');
    expect(formatPercentChange(0.125, 'en-US')).toBe('+12.5%');
    expect(formatPercentChange(-1, 'en-US')).toBe('-100%');
  });
});

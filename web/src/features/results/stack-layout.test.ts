import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stackLayout } from './stack-layout';

const HEIGHT = 300;

describe('stackLayout', () => {
  it('stacks charges up from zero and credits down from it, in series order', () => {
    // Two months; series 1 is a credit in month 0.
    const layout = stackLayout(
      [
        [300, 100],
        [-100, 0],
        [100, 100],
      ],
      2,
      HEIGHT,
    );
    const [first, second] = layout.columns;
    expect(first!.segments.map((s) => s.series)).toEqual([0, 1, 2]);
    // A zero draws nothing.
    expect(second!.segments.map((s) => s.series)).toEqual([0, 2]);
    const [a, credit, c] = first!.segments;
    // Series 2 sits right on top of series 0 (the credit goes below zero, not between them).
    expect(c!.y + c!.height).toBeCloseTo(a!.y);
    expect(a!.y + a!.height).toBeCloseTo(layout.zeroY);
    expect(credit!.y).toBeCloseTo(layout.zeroY);
    expect(credit!.height).toBeCloseTo(a!.height / 3);
  });

  it('places months side by side across the whole width, bars inside their slots', () => {
    const layout = stackLayout([[1, 2, 3, 4]], 4, HEIGHT);
    expect(layout.columns.map((c) => c.slotX)).toEqual([0, 25, 50, 75]);
    for (const column of layout.columns) {
      expect(column.slotWidth).toBe(25);
      expect(column.x).toBeGreaterThan(column.slotX);
      expect(column.x + column.width).toBeLessThan(column.slotX + column.slotWidth);
    }
  });

  it('gives round ticks that cover every stack, and a plot for all-zero months', () => {
    const layout = stackLayout([[123_456, 0, 98_000]], 3, HEIGHT);
    expect(layout.ticks.map((t) => t.value)).toEqual([
      0, 20_000, 40_000, 60_000, 80_000, 100_000, 120_000, 140_000,
    ]);
    expect(layout.ticks[0]!.y).toBe(HEIGHT);
    const empty = stackLayout([[0, 0]], 2, HEIGHT);
    expect(empty.zeroY).toBe(HEIGHT);
    expect(empty.columns.every((c) => c.segments.length === 0)).toBe(true);
  });

  it('keeps every bar inside the plot and each stack as tall as its amounts (property)', () => {
    const cents = fc.integer({ min: -5_000_000, max: 50_000_000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }).chain((months) =>
          fc.array(fc.array(cents, { minLength: months, maxLength: months }), {
            minLength: 1,
            maxLength: 21,
          }),
        ),
        (values) => {
          const months = values[0]!.length;
          const layout = stackLayout(values, months, HEIGHT);
          const [top, bottom] = [layout.ticks.at(-1)!, layout.ticks[0]!];
          const pxPerCent = (bottom.y - top.y) / (top.value - bottom.value);
          layout.columns.forEach((column, m) => {
            let up = 0;
            let down = 0;
            for (const s of column.segments) {
              expect(s.y).toBeGreaterThanOrEqual(-1e-6);
              expect(s.y + s.height).toBeLessThanOrEqual(HEIGHT + 1e-6);
              const v = values[s.series]![m]!;
              if (v > 0) up += s.height;
              else down += s.height;
            }
            const charged = values.reduce((sum, series) => sum + Math.max(0, series[m]!), 0);
            const credited = values.reduce((sum, series) => sum + Math.min(0, series[m]!), 0);
            expect(up).toBeCloseTo(charged * pxPerCent, 6);
            expect(down).toBeCloseTo(-credited * pxPerCent, 6);
          });
        },
      ),
    );
  });
});

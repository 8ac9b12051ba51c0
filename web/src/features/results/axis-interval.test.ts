import { describe, expect, it } from 'vitest';
import {
  LABEL_CHAR_PX,
  plotWidthOf,
  rightMarginFor,
  xAxisTicks,
  xLabelInterval,
} from './axis-interval';

const months = (n: number) => Array.from({ length: n }, (_, i) => `M${String(i).padStart(6, '0')}`);

describe('xLabelInterval', () => {
  it('shows every label when they fit', () => {
    expect(xLabelInterval(months(12), 1200)).toBe(0);
  });

  it('skips labels so that the shown ones never overlap', () => {
    for (const width of [200, 320, 480, 700, 900, 1180]) {
      for (const count of [2, 7, 13, 19]) {
        const labels = months(count);
        const interval = xLabelInterval(labels, width);
        const slot = width / count;
        const labelPx = labels[0]!.length * LABEL_CHAR_PX;
        // Two shown labels are (interval + 1) slots apart: room for one label and the gap.
        expect((interval + 1) * slot).toBeGreaterThanOrEqual(labelPx + 5);
        // And no more is skipped than needed.
        if (interval > 0) expect(interval * slot).toBeLessThan(labelPx + 5);
      }
    }
  });

  it('is 0 for one label or no room', () => {
    expect(xLabelInterval(['Jan 2026'], 100)).toBe(0);
    expect(xLabelInterval(months(5), 0)).toBe(0);
  });

  it('takes the widest label (a month to date is longer)', () => {
    const labels = [...months(18).map(() => 'Nov 2026'), 'Dec 2026 (MTD)'];
    expect(xLabelInterval(labels, 1180)).toBe(1);
  });
});

describe('plotWidthOf', () => {
  it('stops growing at the page width', () => {
    expect(plotWidthOf(1920)).toBe(plotWidthOf(1320));
    expect(plotWidthOf(800)).toBeLessThan(plotWidthOf(1320));
  });
});

describe('xAxisTicks', () => {
  it('always labels the last month, counting back from it', () => {
    const labels = months(18);
    const ticks = [...xAxisTicks(labels, 300)].sort((a, b) => a - b);
    expect(ticks.at(-1)).toBe(labels.length - 1);
    expect(ticks.length).toBeLessThan(labels.length);
    const step = xLabelInterval(labels, 300) + 1;
    ticks.forEach((t, k) => expect(t).toBe(labels.length - 1 - (ticks.length - 1 - k) * step));
  });

  it('labels every month when they fit', () => {
    expect(xAxisTicks(months(6), 1200)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });
});

describe('rightMarginFor', () => {
  it('keeps the least margin when the last label fits over its bar', () => {
    expect(rightMarginFor(['Jan', 'Feb'], 1000)).toBe(5);
  });

  it('makes room for the half of a long last label that overhangs its bar', () => {
    const labels = [...months(18), 'Dec 2026 (MTD)'];
    const margin = rightMarginFor(labels, 300);
    const half = ('Dec 2026 (MTD)'.length * LABEL_CHAR_PX) / 2;
    expect(margin + 300 / labels.length / 2).toBeGreaterThanOrEqual(half);
  });
});

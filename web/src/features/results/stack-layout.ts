import { scaleBand, scaleLinear } from 'd3-scale';

/**
 * Where every bar of the cost chart goes, worked out before anything is drawn. The chart is
 * plain SVG drawn from this (decision 019): x in percent of the plot's width, so nothing is
 * measured in the DOM and a resize needs no second render; y in pixels of a fixed height.
 * Scales and round ticks come from d3-scale.
 */
export interface StackSegment {
  /** Index of the series (its colour and label). */
  series: number;
  /** Pixels from the plot's top, and the segment's height (never negative). */
  y: number;
  height: number;
}

export interface StackColumn {
  /** Left edge and width of the month's bar, in percent of the plot's width. */
  x: number;
  width: number;
  /** Left edge and width of the month's whole slot (its hover area), in percent. */
  slotX: number;
  slotWidth: number;
  segments: StackSegment[];
}

export interface StackLayout {
  columns: StackColumn[];
  /** Round values for the y-axis and the grid, with their pixel offsets from the plot's top. */
  ticks: { value: number; y: number }[];
  /** The zero line's offset. */
  zeroY: number;
}

/** The share of a month's slot left empty, split between both sides (recharts' 10 % a side). */
const SLOT_GAP = 0.2;
const Y_TICKS = 5;

/**
 * Stacks each month's values the way finance reads them (recharts' "sign" offset): positive
 * amounts upward from zero in series order, credits (negative amounts) downward from zero, so
 * a month's positive bar height is what it charged and the part below zero what it credited.
 * `values[s][m]` is series s in month m (integer cents; any unit works).
 */
export function stackLayout(
  values: readonly (readonly number[])[],
  months: number,
  heightPx: number,
): StackLayout {
  let top = 0;
  let bottom = 0;
  for (let m = 0; m < months; m += 1) {
    let up = 0;
    let down = 0;
    for (const series of values) {
      const v = series[m] ?? 0;
      if (v > 0) up += v;
      else down += v;
    }
    top = Math.max(top, up);
    bottom = Math.min(bottom, down);
  }
  const y = scaleLinear()
    .domain(top === 0 && bottom === 0 ? [0, 1] : [bottom, top])
    .range([heightPx, 0])
    .nice(Y_TICKS);
  const x = scaleBand<number>()
    .domain(Array.from({ length: months }, (_, m) => m))
    .range([0, 100])
    .paddingInner(0)
    .paddingOuter(0);
  const slot = x.bandwidth();
  const columns: StackColumn[] = [];
  for (let m = 0; m < months; m += 1) {
    const slotX = x(m) ?? 0;
    let up = 0;
    let down = 0;
    const segments: StackSegment[] = [];
    values.forEach((series, s) => {
      const v = series[m] ?? 0;
      if (v === 0) return;
      const from = v > 0 ? up : down;
      const to = from + v;
      if (v > 0) up = to;
      else down = to;
      const a = y(from);
      const b = y(to);
      segments.push({ series: s, y: Math.min(a, b), height: Math.abs(a - b) });
    });
    columns.push({
      x: slotX + (slot * SLOT_GAP) / 2,
      width: slot * (1 - SLOT_GAP),
      slotX,
      slotWidth: slot,
      segments,
    });
  }
  return {
    columns,
    ticks: y.ticks(Y_TICKS).map((value) => ({ value, y: y(value) })),
    zeroY: y(0),
  };
}

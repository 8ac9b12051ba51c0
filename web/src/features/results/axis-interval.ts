import { useSyncExternalStore } from 'react';

/**
 * How many month labels to skip between two shown on the chart's x-axis, worked out from the
 * labels' lengths instead of measured: measuring each label in the DOM forces a layout of the
 * page (recharts did, when it drew the chart: ~30 % of the script from a result's arrival to its
 * first frame; docs/reliability.md). The estimate errs wide (a 12 px label's characters are taken
 * as 7.5 px, wider than the system fonts' average), so labels never overlap; at worst one more is
 * skipped than needed.
 */
export const LABEL_CHAR_PX = 7.5;
/** The least gap between two x-axis labels. */
const MIN_TICK_GAP_PX = 5;

export function xLabelInterval(labels: readonly string[], plotWidthPx: number): number {
  if (labels.length <= 1 || plotWidthPx <= 0) return 0;
  const widest = Math.max(...labels.map((label) => label.length)) * LABEL_CHAR_PX;
  const slot = plotWidthPx / labels.length;
  // Show every (interval + 1)-th label: it must fit in that many slots.
  return Math.max(0, Math.ceil((widest + MIN_TICK_GAP_PX) / slot) - 1);
}

/**
 * The chart's plot width, from the window's: the page is at most Mantine's "xl" container
 * (1320 px) less its padding, the results paper's padding and the y-axis (60 px).
 */
export function plotWidthOf(windowWidthPx: number): number {
  return Math.min(windowWidthPx, 1320) - 2 * 16 - 2 * 16 - 60;
}

/**
 * The months whose label the x-axis shows (their indexes): every (interval + 1)-th, counted back
 * from the last, so the latest month (the one a reader looks for) always has its label.
 */
export function xAxisTicks(labels: readonly string[], plotWidthPx: number): Set<number> {
  const step = xLabelInterval(labels, plotWidthPx) + 1;
  const shown = new Set<number>();
  for (let i = labels.length - 1; i >= 0; i -= step) shown.add(i);
  return shown;
}

/**
 * The chart's right margin: room for the last label's right half where it is wider than the
 * last bar (labels stay centred under their month).
 */
export function rightMarginFor(labels: readonly string[], plotWidthPx: number): number {
  const last = labels.at(-1);
  if (!last || plotWidthPx <= 0) return 5;
  const overhang = (last.length * LABEL_CHAR_PX) / 2 - plotWidthPx / labels.length / 2;
  return Math.max(5, Math.ceil(overhang) + 5);
}

function subscribe(onChange: () => void) {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** The window's width, read while rendering (no second render after mounting to learn it). */
export function useWindowWidth(): number {
  return useSyncExternalStore(
    subscribe,
    () => window.innerWidth,
    () => 1024,
  );
}

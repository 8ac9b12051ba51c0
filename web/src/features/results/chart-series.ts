import type { CostPivot } from './pivot-types';

/** The Atlas console's chart: the 19 largest groups, the rest summed as "Other". */
export const DEFAULT_CHART_GROUPS = 19;
export const CHART_GROUP_CHOICES = [5, 10, 19, 30, 50] as const;

/**
 * Mid shades that keep 3:1 against both the light and the dark background, ordered so that
 * neighbours in the stack differ in hue and lightness. "Other" is always grey.
 */
const PALETTE = [
  'blue.6',
  'orange.6',
  'teal.6',
  'grape.5',
  'yellow.6',
  'red.6',
  'cyan.6',
  'lime.7',
  'pink.5',
  'indigo.5',
  'green.7',
  'violet.5',
  'blue.4',
  'orange.8',
  'teal.4',
  'grape.7',
  'yellow.8',
  'red.4',
  'cyan.8',
  'pink.7',
] as const;
const OTHER_COLOR = 'gray.6';

export interface ChartSeries {
  /** A stable key for React and tests ("s0", "s1", …, "other"). */
  name: string;
  label: string;
  color: string;
  /** Integer cents per month, for exact tooltips. */
  cents: number[];
}

export interface CostChartModel {
  /** The x-axis label of each month. */
  labels: string[];
  series: ChartSeries[];
  monthTotals: number[];
  /** How many groups "Other" sums up (0: no Other series). */
  otherCount: number;
}

export function buildChartModel(
  pivot: CostPivot,
  groups: number,
  monthLabel: (index: number) => string,
): CostChartModel {
  const bySize = [...pivot.rows].sort(
    (a, b) => Math.abs(b.totalCents) - Math.abs(a.totalCents) || (a.label < b.label ? -1 : 1),
  );
  const top = bySize.length > groups + 1 ? bySize.slice(0, groups) : bySize;
  const monthTotals = pivot.months.map((m) => m.totalCents);
  const series: ChartSeries[] = top.map((row, i) => ({
    name: `s${i}`,
    label: row.label,
    color: PALETTE[i % PALETTE.length] ?? OTHER_COLOR,
    cents: row.cells.map((c) => c ?? 0),
  }));
  const otherCount = bySize.length - top.length;
  if (otherCount > 0) {
    // What the top groups leave of each month's total: exact, and the stack adds up.
    const other = monthTotals.map(
      (total, m) => total - series.reduce((sum, s) => sum + (s.cents[m] ?? 0), 0),
    );
    series.push({
      name: 'other',
      label: `Other (${otherCount} more)`,
      color: OTHER_COLOR,
      cents: other,
    });
  }
  const labels = pivot.months.map((_, m) => monthLabel(m));
  return { labels, series, monthTotals, otherCount };
}

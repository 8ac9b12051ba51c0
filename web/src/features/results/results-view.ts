import { CHART_GROUP_CHOICES, DEFAULT_CHART_GROUPS } from './chart-series';
import type { PivotSort } from './pivot-order';

export type ResultsTab = 'pivot' | 'rows';

/**
 * How the results are shown: the page owns it (links and presets carry it), the results
 * components show it and report changes through `onViewChange`.
 */
export interface ResultsView {
  /** Groups in the chart: one of CHART_GROUP_CHOICES. */
  chartTopN: number;
  /** Compare months per day. */
  perDay: boolean;
  sort: PivotSort | null;
  filterText: string;
  tab: ResultsTab;
}

export type ResultsViewChange = (change: Partial<ResultsView>) => void;

export const DEFAULT_RESULTS_VIEW: ResultsView = {
  chartTopN: DEFAULT_CHART_GROUPS,
  perDay: false,
  sort: null,
  filterText: '',
  tab: 'pivot',
};

export const isChartGroupChoice = (n: number): boolean =>
  (CHART_GROUP_CHOICES as readonly number[]).includes(n);

/** A pivot column id (group, total, m<i> for a month, change, change-pct). */
export const isPivotColumnId = (id: string): boolean =>
  /^(group|total|change|change-pct|m(0|[1-9]\d{0,2}))$/.test(id);

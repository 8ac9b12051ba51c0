import type { DrillPathStep, ViewOptions } from '@ace/bff/contract';
import {
  DEFAULT_RESULTS_VIEW,
  isChartGroupChoice,
  isPivotColumnId,
  type ResultsView,
} from '../../features/results/results-view';
import { CHART_GROUP_CHOICES } from '../../features/results/chart-series';
import type { IgnoredParam } from '../../features/url-state/url-state';

// The results view as links and presets store it (ViewOptions: every field optional, the
// default left out) and as the results feature shows it (ResultsView: every field set).

/**
 * Keeps what the results can show and says what it cannot (in the link's parameter names, as
 * the codec does): a chart size that is not a choice, a sort by no column the table has.
 */
export function checkViewOptions(view: ViewOptions): {
  view: ViewOptions;
  ignored: IgnoredParam[];
} {
  const ignored: IgnoredParam[] = [];
  const checked = { ...view };
  if (checked.chartTopN !== undefined && !isChartGroupChoice(checked.chartTopN)) {
    ignored.push({
      param: 'top',
      reason: `must be one of ${CHART_GROUP_CHOICES.join(', ')}; the chart shows its default`,
    });
    delete checked.chartTopN;
  }
  if (checked.sort && !isPivotColumnId(checked.sort.column)) {
    ignored.push({ param: 'sort', reason: 'names no column of the table; the table is unsorted' });
    delete checked.sort;
  }
  return { view: checked, ignored };
}

export function toResultsView(view: ViewOptions): ResultsView {
  return {
    chartTopN: view.chartTopN ?? DEFAULT_RESULTS_VIEW.chartTopN,
    perDay: view.perDay ?? DEFAULT_RESULTS_VIEW.perDay,
    sort: view.sort ? { id: view.sort.column, desc: view.sort.desc } : null,
    filterText: view.filterText ?? DEFAULT_RESULTS_VIEW.filterText,
    tab: view.tab ?? DEFAULT_RESULTS_VIEW.tab,
  };
}

/** `view` with a change from the results applied; defaults are left out (short links). */
export function applyResultsChange(view: ViewOptions, change: Partial<ResultsView>): ViewOptions {
  const next: ResultsView = { ...toResultsView(view), ...change };
  const d = DEFAULT_RESULTS_VIEW;
  return {
    ...(next.chartTopN !== d.chartTopN ? { chartTopN: next.chartTopN } : {}),
    ...(next.perDay !== d.perDay ? { perDay: next.perDay } : {}),
    ...(next.sort ? { sort: { column: next.sort.id, desc: next.sort.desc } } : {}),
    ...(next.filterText !== '' ? { filterText: next.filterText.slice(0, 200) } : {}),
    ...(next.tab !== d.tab ? { tab: next.tab } : {}),
    ...(view.drill ? { drill: view.drill } : {}),
  };
}

/** `view` at another drill level: the filter and sort belonged to the level's table. */
export function withDrill(view: ViewOptions, drill: readonly DrillPathStep[]): ViewOptions {
  const { drill: _, sort: _sort, filterText: _text, ...kept } = view;
  return drill.length > 0 ? { ...kept, drill: [...drill] } : kept;
}

/** `view` with its drill-down path replaced, nothing else changed. */
export function withDrillPath(view: ViewOptions, drill: readonly DrillPathStep[]): ViewOptions {
  const { drill: _, ...kept } = view;
  return drill.length > 0 ? { ...kept, drill: [...drill] } : kept;
}

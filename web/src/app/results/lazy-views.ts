import { detailTable } from '../../features/detail/lazy';
import { loadExportBuilder } from '../../features/export/lazy';
import { costChart } from '../../features/results/lazy';
import { lazyWithPreload } from '../../lib/lazy-with-preload';

/** Everything after "Run query": not part of the first screen's JavaScript. */
export const resultsSection = lazyWithPreload(() => import('./results-section'));

/**
 * Fetches the result views while Atlas works on the query (a few seconds at least), so they
 * are ready when the numbers arrive. Import failures surface later, where they are rendered.
 */
export function preloadResultViews(): void {
  for (const load of [
    resultsSection.preload,
    costChart.preload,
    detailTable.preload,
    loadExportBuilder,
  ]) {
    load().catch(() => undefined);
  }
}

import { lazyWithPreload } from '../../lib/lazy-with-preload';

/** The chart (its SVG drawing and d3's scales): loaded when results are on the way. */
export const costChart = lazyWithPreload(() => import('./components/cost-chart'));

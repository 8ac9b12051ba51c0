import { lazyWithPreload } from '../../lib/lazy-with-preload';

/** The chart pulls in recharts (most of the page's weight): loaded when results are on the way. */
export const costChart = lazyWithPreload(() => import('./components/cost-chart'));

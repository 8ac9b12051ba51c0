import { lazyWithPreload } from '../../lib/lazy-with-preload';

/** The detail table is only needed when its tab opens: loaded on demand (and prefetched). */
export const detailTable = lazyWithPreload(() => import('./components/detail-table'));

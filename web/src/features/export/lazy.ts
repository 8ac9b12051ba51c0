/** The builders are only needed on click: loaded then (and prefetched with the results). */
export const loadExportBuilder = () => import('./build-export');

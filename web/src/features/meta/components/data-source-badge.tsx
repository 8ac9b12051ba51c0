import { Badge } from '@mantine/core';
import type { Meta } from '@ace/bff/contract';
import {
  lazyWithPreload,
  preloadOnFirstInteraction,
  useLoaded,
} from '../../../lib/lazy-with-preload';

// Mantine's Tooltip and its floating-ui hover logic are ~5 KB gzip: fetched at the first
// interaction, which comes before anyone can hover the badge.
const tooltip = lazyWithPreload(() => import('./simulator-tooltip'));
preloadOnFirstInteraction(tooltip.preload);

/** Says loudly when the numbers come from the embedded simulator, not from Atlas. */
export function DataSourceBadge({ dataSource }: { dataSource: Meta['dataSource'] | undefined }) {
  const withTooltip = useLoaded(tooltip);
  if (dataSource !== 'simulator') return null;
  const badge = (
    <Badge color="orange" variant="light" size="lg" c="var(--ace-color-warning)">
      Simulated data
    </Badge>
  );
  return withTooltip ? <tooltip.Component>{badge}</tooltip.Component> : badge;
}

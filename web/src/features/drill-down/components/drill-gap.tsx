import { Text } from '@mantine/core';
import { formatUsd } from '../../../lib/money';
import { DIMENSION_NOUN, type Dimension } from '../../../lib/usage-fields';

interface DrillGapProps {
  parentLabel: string;
  parentTotalCents: number;
  totalCents: number;
  dimension: Dimension;
}

/**
 * A drill shows the parts Atlas can filter on; what the parent total has beyond them (charges
 * without a project or cluster, clusters deleted since) is named, not silently lost.
 */
export function DrillGap({ parentLabel, parentTotalCents, totalCents, dimension }: DrillGapProps) {
  const gap = parentTotalCents - totalCents;
  if (gap === 0) {
    return (
      <Text size="sm" c="dimmed">
        These {DIMENSION_NOUN[dimension]} amounts add up to {parentLabel}&apos;s total of{' '}
        {formatUsd(parentTotalCents)}.
      </Text>
    );
  }
  return (
    <Text size="sm" c="var(--ace-color-warning)" data-testid="drill-gap">
      {parentLabel} cost {formatUsd(parentTotalCents)} in the previous view; {formatUsd(gap)} of it
      is not in this breakdown by {DIMENSION_NOUN[dimension]} (charges not tied to one, or ones
      Atlas no longer lists, such as deleted clusters).
    </Text>
  );
}

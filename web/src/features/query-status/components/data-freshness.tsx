import { Button, Group, Text } from '@mantine/core';
import type { CostQueryDone } from '@ace/bff/contract';
import { dataAgeMs } from '../api/run-phase';
import { formatDataAge } from '../format-freshness';
import { useNow } from '../use-now';

interface DataFreshnessProps {
  result: CostQueryDone;
  /** Local epoch ms at which the answer arrived. */
  receivedAt: number | undefined;
  onRefresh: (() => void) | undefined;
  clock?: (() => number) | undefined;
}

/** "Data from 5 minutes ago · from cache", and a Refresh that asks Atlas again. */
export function DataFreshness({ result, receivedAt, onRefresh, clock }: DataFreshnessProps) {
  // Minutes are all it shows: a tick every 15 s keeps it right without re-rendering much.
  const now = useNow(true, 15_000, clock);
  const age = dataAgeMs(result, receivedAt ?? now, now);
  return (
    <Group gap="sm">
      <Text size="sm" c="dimmed">
        {formatDataAge(age, result.fromCache ?? false)}
      </Text>
      {onRefresh && (
        <Button size="compact-sm" variant="default" onClick={onRefresh}>
          Refresh
        </Button>
      )}
    </Group>
  );
}

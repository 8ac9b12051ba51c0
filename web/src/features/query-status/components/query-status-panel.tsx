import { Alert, Box, Button, Group, Loader, Paper, Text } from '@mantine/core';
import type { CostQueryRunPhase } from '../api/use-cost-query-run';
import { formatElapsed } from '../format-elapsed';
import { useNow } from '../use-now';
import { DataFreshness } from './data-freshness';
import { RunningNotes } from './running-notes';

interface QueryStatusPanelProps {
  phase: CostQueryRunPhase;
  onCancel: () => void;
  onRetry: () => void;
  /** Offered next to a finished result: run it again with fresh data from Atlas. */
  onRefresh?: () => void;
  clock?: () => number;
}

/** A live region that is always in the page, so screen readers hear each change. */
export function QueryStatusPanel(props: QueryStatusPanelProps) {
  const { phase, onCancel, onRetry, onRefresh, clock } = props;
  // Re-read at once when a new answer moves the countdown (not only on the next tick).
  const answer = phase.kind === 'running' ? `${phase.since}:${phase.waitUntil}` : phase.kind;
  const now = useNow(phase.kind === 'running', 1000, clock, answer);
  return (
    <Box role="status" aria-live="polite" aria-atomic="false">
      {phase.kind === 'running' && (
        <Paper withBorder p="md">
          <Group justify="space-between">
            <Group gap="sm">
              <Loader size="sm" aria-hidden />
              <Text>Running query…</Text>
              <Text c="dimmed" size="sm">
                {formatElapsed(now - phase.since)} elapsed
              </Text>
            </Group>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
          <RunningNotes phase={phase} now={now} />
        </Paper>
      )}
      {phase.kind === 'failed' && (
        <Alert color="red" title={`Query failed: ${phase.title}`}>
          {phase.detail && (
            <Text size="sm" mb="sm">
              {phase.detail}
            </Text>
          )}
          <Button variant="light" color="red" onClick={onRetry}>
            Retry
          </Button>
        </Alert>
      )}
      {phase.kind === 'done' && (
        <Group gap="md">
          <Text size="sm" c="dimmed">
            Query finished in{' '}
            {formatElapsed(
              Date.parse(phase.result.completedAt) - Date.parse(phase.result.createdAt),
            )}
            .
          </Text>
          <DataFreshness
            result={phase.result}
            receivedAt={phase.receivedAt}
            onRefresh={onRefresh}
            clock={clock}
          />
        </Group>
      )}
    </Box>
  );
}

import { Text } from '@mantine/core';
import type { CostQueryRunPhase } from '../api/run-phase';
import { formatApiCapacity, formatParts, formatRetryCountdown } from '../format-freshness';

type Running = Extract<CostQueryRunPhase, { kind: 'running' }>;

/** Why a running query is taking its time: several Atlas queries, a server coming back, a rate limit. */
export function RunningNotes({ phase, now }: { phase: Running; now: number }) {
  return (
    <>
      {/* Its text changes only when a part answers, so the live region is not kept talking. */}
      {phase.parts && <Text size="sm">{formatParts(phase.parts)}</Text>}
      {phase.reconnecting && (
        <Text size="sm" c="var(--ace-color-warning)">
          Reconnecting… The server did not answer; the query keeps running and the page keeps
          asking.
        </Text>
      )}
      {phase.waitUntil !== undefined && (
        <Text size="sm">{formatRetryCountdown(phase.waitUntil - now)}</Text>
      )}
      {phase.apiCapacity && (
        <Text size="sm" c="dimmed">
          {formatApiCapacity(phase.apiCapacity)}
        </Text>
      )}
    </>
  );
}

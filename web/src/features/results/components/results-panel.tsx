import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CostQueryDone } from '@ace/bff/contract';
import { useId, useMemo } from 'react';
import { formatMonthRange, lastMonthOf, provisionalMonths } from '../../../lib/months';
import { formatUsd } from '../../../lib/money';
import { buildCostPivot } from '../build-cost-pivot';
import { CostTable } from './cost-table';
import { ResultsEmpty } from './results-empty';

/** A finished query: the grand total, then the table (or why there is none). */
export function ResultsPanel({ done, now }: { done: CostQueryDone; now: Date }) {
  const { query, result } = done;
  const headingId = useId();
  const pivot = useMemo(
    () => buildCostPivot(result.usageDetails, query.groupBy, query),
    [result.usageDetails, query],
  );
  const rangeLabel = formatMonthRange(query.startDate, lastMonthOf(query.endDate));
  const serverDisagrees = result.totals.totalCents !== pivot.grandTotalCents;
  const provisional = provisionalMonths(now);
  const provisionalShown = pivot.months.filter((m) => provisional.includes(m.month));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={2} id={headingId}>
            Results
          </Title>
          <Text c="dimmed" size="sm">
            {rangeLabel}
          </Text>
        </Group>
        <Text size="lg" data-testid="results-total">
          Total{' '}
          <Text span fw={700} fz="xl">
            {formatUsd(pivot.grandTotalCents)}
          </Text>
        </Text>
        {serverDisagrees && (
          <Text size="sm" c="orange.8">
            The server reported a total of {formatUsd(result.totals.totalCents)}; the rows add up to
            the amount above.
          </Text>
        )}
        {pivot.rows.length === 0 ? (
          <ResultsEmpty
            rangeLabel={rangeLabel}
            includePartialMatches={query.includePartialMatches ?? false}
          />
        ) : (
          <CostTable pivot={pivot} />
        )}
        {pivot.rows.length > 0 && provisionalShown.length > 0 && (
          <Text size="sm" c="dimmed">
            Provisional: {provisionalShown.map((m) => m.label).join(' and ')}. Atlas can still add
            charges to the current and the just-closed month.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

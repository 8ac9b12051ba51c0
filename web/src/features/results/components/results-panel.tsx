import { Alert, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import type { CostQueryDone } from '@ace/bff/contract';
import { Suspense, useCallback, useId, useMemo, type ReactNode } from 'react';
import { formatMonthRange } from '../../../lib/months';
import { formatUsd } from '../../../lib/money';
import { DIMENSION_NOUN } from '../../../lib/usage-fields';
import type { CostPivot } from '../pivot-types';
import { costChart } from '../lazy';
import type { ResultsTab, ResultsView, ResultsViewChange } from '../results-view';
import { KeptMonthsNote } from './kept-months-note';
import { MonthNotes } from './month-notes';
import type { DrillControl } from './pivot-columns';
import { PivotTable } from './pivot-table';
import { ResultsEmpty } from './results-empty';

const CostChart = costChart.Component;

interface ResultsPanelProps {
  done: CostQueryDone;
  pivot: CostPivot;
  now: Date;
  drill?: DrillControl | undefined;
  /** How the results are shown (chart groups, pivot filter/sort/per day, tab): the page's. */
  view: ResultsView;
  onViewChange: ResultsViewChange;
  /** Slots the app fills from other features: a drill-down note, export, the detail rows. */
  notice?: ReactNode;
  actions?: ReactNode;
  detail?: ReactNode;
}

/** A finished query: the grand total, the chart, the pivot (or why there is none). */
export function ResultsPanel(props: ResultsPanelProps) {
  const { done, pivot, now, view, onViewChange } = props;
  // One function per onViewChange: the memoized chart does not re-render while the filter is typed.
  const onGroupsChange = useCallback(
    (chartTopN: number) => onViewChange({ chartTopN }),
    [onViewChange],
  );
  const { query, months, result } = done;
  const headingId = useId();
  const rangeLabel = formatMonthRange(months.first, months.last);
  const serverDisagrees =
    result.totals.totalCents !== pivot.grandTotalCents + pivot.unreadable.cents;
  const noun = DIMENSION_NOUN[pivot.dimension];
  /** Atlas answered with no rows at all (rows it sent with no readable month are not "none"). */
  const empty = result.totals.rowCount === 0;
  const keptMonths = useMemo(() => new Set(result.history?.map((h) => h.month)), [result.history]);
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
        <KeptMonthsNote history={result.history} />
        {props.notice}
        {/* No rows is not a measured $0: the empty state below says what Atlas answered. */}
        {!empty && (
          <Group justify="space-between" align="center">
            <Text size="lg" data-testid="results-total">
              Total{' '}
              <Text span fw={700} fz="xl" data-testid="grand-total">
                {formatUsd(pivot.grandTotalCents)}
              </Text>{' '}
              <Text span size="sm" c="dimmed">
                USD
              </Text>
            </Text>
            {props.actions}
          </Group>
        )}
        {serverDisagrees && (
          <Text size="sm" c="var(--ace-color-warning)">
            The server reported a total of {formatUsd(result.totals.totalCents)}; the rows add up to
            the amount above.
          </Text>
        )}
        {pivot.unreadable.rows > 0 && (
          <Alert color="orange" title="Some rows have no readable month">
            {pivot.unreadable.rows} rows ({formatUsd(pivot.unreadable.cents)}) are not in the table
            or the total; they are in the detail rows and the export.
          </Alert>
        )}
        {empty ? (
          <ResultsEmpty
            rangeLabel={rangeLabel}
            includePartialMatches={query.includePartialMatches}
          />
        ) : (
          <>
            <Suspense fallback={<Skeleton height={400} aria-label="Loading the chart" />}>
              <CostChart
                pivot={pivot}
                now={now}
                groups={view.chartTopN}
                onGroupsChange={onGroupsChange}
              />
            </Suspense>
            <Tabs
              value={view.tab}
              onChange={(tab) => tab && onViewChange({ tab: tab as ResultsTab })}
              keepMounted={false}
            >
              <Tabs.List>
                <Tabs.Tab value="pivot">By {noun} and month</Tabs.Tab>
                <Tabs.Tab value="rows">
                  All usage rows ({result.totals.rowCount.toLocaleString()})
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="pivot" pt="sm">
                <Stack gap="sm">
                  <PivotTable
                    pivot={pivot}
                    keptMonths={keptMonths}
                    now={now}
                    drill={props.drill}
                    view={view}
                    onViewChange={onViewChange}
                  />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="rows" pt="sm">
                {props.detail}
              </Tabs.Panel>
            </Tabs>
            <MonthNotes pivot={pivot} now={now} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

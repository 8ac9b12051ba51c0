import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { memo, useCallback, useId, useMemo } from 'react';
import { DIMENSION_NOUN } from '../../../lib/usage-fields';
import type { CostPivot } from '../pivot-types';
import { plotWidthOf, rightMarginFor, useWindowWidth, xAxisTicks } from '../axis-interval';
import { buildChartModel, CHART_GROUP_CHOICES } from '../chart-series';
import { monthStateNote, shortMonthLabel } from '../month-labels';
import { BarPlot } from './bar-plot';
import { ChartLegend } from './chart-legend';
import { ChartTooltip } from './chart-tooltip';

const compactUsd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
});
const formatTick = (cents: number) => compactUsd.format(cents / 100);

/**
 * Stacked bars per month, one series per group: the largest N plus "Other". Loaded lazily. The
 * pivot table below is its text equivalent, and hovering or focusing a month (arrow keys) lists
 * every bar with its amount and share.
 */
interface CostChartProps {
  pivot: CostPivot;
  now: Date;
  /** How many groups have a bar of their own (the page's, see ResultsView). */
  groups: number;
  onGroupsChange: (groups: number) => void;
}

function CostChart({ pivot, now, groups, onGroupsChange }: CostChartProps) {
  const titleId = useId();
  const noteId = useId();
  const noun = DIMENSION_NOUN[pivot.dimension];
  const model = useMemo(
    () =>
      buildChartModel(pivot, groups, (i) => {
        const m = pivot.months[i];
        return m ? shortMonthLabel(m.month, m.label, now) : '';
      }),
    [pivot, groups, now],
  );
  const plotWidth = plotWidthOf(useWindowWidth());
  const { tickLabels, rightMargin } = useMemo(() => {
    const right = rightMarginFor(model.labels, plotWidth);
    // Labels chosen from their lengths, never measured (see axis-interval.ts).
    return { tickLabels: xAxisTicks(model.labels, plotWidth - right), rightMargin: right };
  }, [model, plotWidth]);
  const tooltip = useCallback(
    (index: number) => {
      const m = pivot.months[index];
      const note = m && monthStateNote(m.month, now);
      const title = m ? `${m.label}${note ? ` (${note})` : ''}` : '';
      return <ChartTooltip model={model} monthIndex={index} title={title} />;
    },
    [model, pivot, now],
  );
  return (
    <Stack gap="xs" component="figure" m={0} aria-labelledby={titleId} aria-describedby={noteId}>
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id={titleId}>
          Cost per month by {noun} (USD)
        </Title>
        <Select
          label="Groups in chart"
          data={CHART_GROUP_CHOICES.map((n) => ({
            value: String(n),
            label: `Largest ${n} + Other`,
          }))}
          value={String(groups)}
          onChange={(value) => value && onGroupsChange(Number(value))}
          allowDeselect={false}
          w={200}
          size="xs"
        />
      </Group>
      {/* Its own stacking layer, so the tooltip covers the legend below it. */}
      <div data-testid="cost-chart" style={{ position: 'relative', zIndex: 2 }}>
        <BarPlot
          model={model}
          height={340}
          tickLabels={tickLabels}
          rightMargin={rightMargin}
          formatTick={formatTick}
          tooltip={tooltip}
          label={`Cost per month by ${noun}: focus and use the arrow keys to read each month`}
        />
      </div>
      <ChartLegend series={model.series} />
      <Text id={noteId} size="xs" c="dimmed" component="figcaption">
        {model.otherCount > 0
          ? `The ${model.series.length - 1} largest ${noun}s by total, the other ${model.otherCount} summed as Other. `
          : ''}
        Hover a month, or focus the chart and use the arrow keys, to read every amount; the table
        below lists the same amounts as text. MTD: month to date; *: may still change.
      </Text>
    </Stack>
  );
}

/** Memoized: the page around it re-renders (drill-down, name lists) without changing it. */
export default memo(CostChart);

import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { memo, useId, useMemo } from 'react';
import { DIMENSION_NOUN } from '../../../lib/usage-fields';
import { barRect, type BarBox } from '../bar-rect';
import type { CostPivot } from '../pivot-types';
import { plotWidthOf, rightMarginFor, useWindowWidth, xAxisTicks } from '../axis-interval';
import { buildChartModel, CHART_GROUP_CHOICES } from '../chart-series';
import { monthStateNote, shortMonthLabel } from '../month-labels';
import { ChartLegend } from './chart-legend';
import { ChartTooltip } from './chart-tooltip';

const compactUsd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
});

// Props with one identity for the chart's life: recharts recomputes its layout for each new one.
const valueFormatter = (value: number) => compactUsd.format(value);
/**
 * Each bar as a plain <rect>. recharts' own Rectangle measures its path after mounting and sets
 * state, so ~380 bars render twice and force layouts on the way to the first paint.
 */
function BarShape(props: BarBox & { fill?: string | undefined; fillOpacity?: number | string }) {
  return (
    <rect
      className="recharts-rectangle"
      {...barRect(props)}
      fill={props.fill}
      fillOpacity={props.fillOpacity}
    />
  );
}
/** Five round ticks: few enough to show all, so recharts does not measure their labels. */
const yAxisProps = { interval: 0 } as const;
// No grow-in animation: it re-renders every bar for a second, while the table loads.
const barProps = { isAnimationActive: false, shape: BarShape };

/**
 * Stacked bars per month, one series per group: the largest N plus "Other". Loaded lazily
 * (recharts is most of the page's weight). The pivot table below is its text equivalent, and
 * hovering or focusing a month (arrow keys) lists every bar with its amount and share.
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
  const { xAxisProps, barChartProps } = useMemo(() => {
    const labels = model.data.map((d) => String(d.month));
    const right = rightMarginFor(labels, plotWidth);
    // Labels chosen here, not measured by recharts (see axis-interval.ts).
    return {
      xAxisProps: { interval: 0, ticks: xAxisTicks(labels, plotWidth - right) },
      barChartProps: {
        stackOffset: 'sign',
        margin: { top: 5, right, bottom: 5, left: 5 },
      } as const,
    };
  }, [model, plotWidth]);
  const { series, tooltipProps } = useMemo(() => {
    const titleOf = (index: number) => {
      const m = pivot.months[index];
      const note = m && monthStateNote(m.month, now);
      return m ? `${m.label}${note ? ` (${note})` : ''}` : '';
    };
    return {
      series: model.series.map(({ name, label, color }) => ({ name, label, color })),
      tooltipProps: {
        content: ({ label }: { label?: unknown }) => {
          const index = model.data.findIndex((d) => d.month === label);
          return (
            <ChartTooltip
              model={model}
              monthIndex={index >= 0 ? index : undefined}
              title={index >= 0 ? titleOf(index) : ''}
            />
          );
        },
      },
    };
  }, [model, pivot, now]);
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
        <BarChart
          h={340}
          data={model.data}
          dataKey="month"
          type="stacked"
          series={series}
          valueFormatter={valueFormatter}
          barChartProps={barChartProps}
          barProps={barProps}
          xAxisProps={xAxisProps}
          yAxisProps={yAxisProps}
          tooltipAnimationDuration={0}
          tooltipProps={tooltipProps}
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

import { ColorSwatch, Group, Paper, Stack, Text } from '@mantine/core';
import { formatShare, formatUsd } from '../../../lib/money';
import type { CostChartModel } from '../chart-series';
import { themeColor } from './chart-legend';

interface ChartTooltipProps {
  model: CostChartModel;
  /** The month under the pointer or keyboard focus (the plot's active month). */
  monthIndex: number | undefined;
  title: string;
}

/** Every group of the month with its exact amount and its share of the month's total. */
export function ChartTooltip({ model, monthIndex, title }: ChartTooltipProps) {
  if (monthIndex === undefined) return null;
  const total = model.monthTotals[monthIndex] ?? 0;
  const lines = model.series
    .map((s) => ({ ...s, amount: s.cents[monthIndex] ?? 0 }))
    .filter((s) => s.amount !== 0)
    .reverse(); // top of the stack first, as the bars read
  return (
    <Paper withBorder shadow="md" p="xs" maw={420}>
      <Text fw={600} size="sm" mb={4}>
        {title}
      </Text>
      <Stack gap={2}>
        {lines.map((line) => (
          <Group key={line.name} gap="xs" wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap" miw={0}>
              <ColorSwatch color={themeColor(line.color)} size={10} withShadow={false} />
              <Text size="xs" truncate="end">
                {line.label}
              </Text>
            </Group>
            <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {formatUsd(line.amount)}
              {total !== 0 && ` · ${formatShare(line.amount / total)}`}
            </Text>
          </Group>
        ))}
      </Stack>
      <Text size="xs" fw={600} mt={4} ta="right">
        Month total {formatUsd(total)}
      </Text>
    </Paper>
  );
}

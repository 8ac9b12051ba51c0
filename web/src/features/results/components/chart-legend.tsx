import { ColorSwatch, Group, Text } from '@mantine/core';
import type { ChartSeries } from '../chart-series';

export const themeColor = (color: string) => {
  const [name, shade] = color.split('.');
  return `var(--mantine-color-${name}-${shade})`;
};

/**
 * The legend as a plain HTML list under the chart: readable by screen readers, wraps like
 * text, and costs one cheap render (nothing in it is measured).
 */
export function ChartLegend({ series }: { series: readonly ChartSeries[] }) {
  return (
    <Group component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Legend">
      {series.map((s) => (
        <Group component="li" key={s.name} gap={6} wrap="nowrap" maw={260}>
          <ColorSwatch color={themeColor(s.color)} size={10} withShadow={false} aria-hidden />
          <Text size="xs" truncate="end" title={s.label}>
            {s.label}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

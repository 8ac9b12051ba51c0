import { Group, Select, Switch, TextInput } from '@mantine/core';
import type { CostPivot } from '../pivot-types';
import type { Comparison } from './pivot-columns';

interface PivotToolbarProps {
  pivot: CostPivot;
  noun: string;
  filter: string;
  onFilter: (value: string) => void;
  comparison: Comparison | null;
  onCompare: (index: number) => void;
  onPerDay: (perDay: boolean) => void;
}

export function PivotToolbar(props: PivotToolbarProps) {
  const { pivot, comparison } = props;
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <TextInput
        label={`Filter ${props.noun}s`}
        placeholder="Name contains…"
        value={props.filter}
        onChange={(event) => props.onFilter(event.currentTarget.value)}
        w={240}
      />
      {comparison && (
        <>
          <Select
            label="Month-over-month change"
            data={pivot.months.slice(1).map((m, i) => ({
              value: String(i + 1),
              label: `${m.label} vs ${pivot.months[i]?.label ?? ''}`,
            }))}
            value={String(comparison.index)}
            onChange={(value) => value && props.onCompare(Number(value))}
            allowDeselect={false}
            w={240}
          />
          <Switch
            label="Per day"
            description="Compare daily averages: 28, 30 and 31-day months and the month so far compare fairly"
            checked={comparison.perDay}
            onChange={(event) => props.onPerDay(event.currentTarget.checked)}
            maw={380}
          />
        </>
      )}
    </Group>
  );
}

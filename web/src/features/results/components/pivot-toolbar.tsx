import { Group, Select, Switch, TextInput } from '@mantine/core';
import type { CostPivot } from '../pivot-types';
import { isMonthToDate } from '../month-change';
import { comparisonTitle, type Comparison } from './pivot-columns';

interface PivotToolbarProps {
  pivot: CostPivot;
  now: Date;
  noun: string;
  filter: string;
  onFilter: (value: string) => void;
  comparison: Comparison | null;
  onCompare: (index: number) => void;
  onPerDay: (perDay: boolean) => void;
}

export function PivotToolbar(props: PivotToolbarProps) {
  const { pivot, comparison, now } = props;
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
            description={
              comparison.noCompletePair
                ? 'No two complete months in this range: the month so far, per day'
                : undefined
            }
            data={pivot.months.slice(1).map((m, i) => {
              const monthToDate = isMonthToDate(m.month, now);
              const title = comparisonTitle(m.label, pivot.months[i]?.label ?? '', {
                ...comparison,
                monthToDate,
              });
              return { value: String(i + 1), label: monthToDate ? `${title}, per day` : title };
            })}
            value={String(comparison.index)}
            onChange={(value) => value && props.onCompare(Number(value))}
            allowDeselect={false}
            w={240}
          />
          <Switch
            label="Per day"
            description={
              comparison.monthToDate
                ? 'The month so far is always compared per day, by the days it has had'
                : 'Compare daily averages: 28, 30 and 31-day months and the month so far compare fairly'
            }
            checked={comparison.perDay}
            // The month so far is only comparable per day: the switch cannot turn that off.
            disabled={comparison.monthToDate}
            onChange={(event) => props.onPerDay(event.currentTarget.checked)}
            maw={380}
          />
        </>
      )}
    </Group>
  );
}

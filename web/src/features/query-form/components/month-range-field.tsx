import { Group } from '@mantine/core';
import type { MonthBounds } from '@ace/bff/contract';
import { useController } from 'react-hook-form';
import { FormPeriodRange } from '../../../components/form/form-period-range';
import { formatMonth, monthPickerBounds } from '../../../lib/months';
import { quickRanges } from '../quick-ranges';
import type { QueryFormControl } from './form-control';
import { QuickRangesMenu } from './quick-ranges-menu';

interface MonthRangeFieldProps {
  control: QueryFormControl;
  /** The server's clock: the picker offers exactly the months the BFF will accept. */
  now: Date;
  /** Atlas's window and the oldest kept month (the same bounds the form validates with). */
  bounds: MonthBounds;
}

export function MonthRangeField({ control, now, bounds }: MonthRangeFieldProps) {
  const { minMonth, maxMonth, atlasEarliest, keptFrom } = monthPickerBounds(now, bounds);
  const { field } = useController({ control, name: 'period' });
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <FormPeriodRange
        style={{ flex: 1, minWidth: 0 }}
        control={control}
        name="period"
        now={now}
        label="Months"
        placeholder="Choose the first and last month"
        // Said in words (linked to the input as its description), not only by enabled months.
        description={
          keptFrom
            ? `Months before ${formatMonth(atlasEarliest)} come from what this dashboard kept; Atlas no longer serves them`
            : undefined
        }
        minDate={minMonth}
        maxDate={maxMonth}
        defaultDate={maxMonth}
        previousLabel="Previous year"
        nextLabel="Next year"
      />
      <QuickRangesMenu
        ranges={quickRanges(now, minMonth, maxMonth)}
        // These exact months, as if picked: a relative period is what "Save as preset" offers.
        onChoose={({ first, last }) => field.onChange({ kind: 'months', first, last })}
      />
    </Group>
  );
}

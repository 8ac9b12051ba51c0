import { FormPeriodRange, toMonth } from '../../../components/form/form-period-range';
import { formatMonthRange, monthPickerBounds } from '../../../lib/months';
import type { QueryFormControl } from './form-control';

interface MonthRangeFieldProps {
  control: QueryFormControl;
  /** The server's clock: the picker offers exactly the months the BFF will accept. */
  now: Date;
}

export function MonthRangeField({ control, now }: MonthRangeFieldProps) {
  const { minMonth, maxMonth } = monthPickerBounds(now);
  return (
    <FormPeriodRange
      control={control}
      name="period"
      now={now}
      label="Months"
      placeholder="Choose the first and last month"
      minDate={minMonth}
      maxDate={maxMonth}
      defaultDate={maxMonth}
      allowSingleDateInRange
      valueFormatter={({ date }) => {
        const [first, last] = Array.isArray(date) ? date : [null, null];
        return formatMonthRange(toMonth(first), toMonth(last));
      }}
    />
  );
}

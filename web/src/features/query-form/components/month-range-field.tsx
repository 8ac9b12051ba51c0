import { FormMonthRange } from '../../../components/form/form-month-range';
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
    <FormMonthRange
      control={control}
      name="months"
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

/** Mantine hands back `YYYY-MM-DD` strings (or Dates when given Dates): keep the month start. */
function toMonth(value: unknown): string | null {
  if (typeof value !== 'string' || value.length < 7) return null;
  return `${value.slice(0, 7)}-01`;
}

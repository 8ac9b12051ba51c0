import { MonthPickerInput, type MonthPickerInputProps } from '@mantine/dates';
import { RELATIVE_PERIOD_LABELS, resolvePeriod } from '@ace/bff/contract';
import type { FieldPath, FieldValues } from 'react-hook-form';
import type { PeriodDraft } from '../../lib/dashboard-draft';
import { useFormField, type FormFieldProps } from './use-form-field';

type FormPeriodRangeProps<T extends FieldValues, N extends FieldPath<T>, Out> = FormFieldProps<
  T,
  N,
  Out,
  MonthPickerInputProps<'range'>,
  'type' | 'value' | 'defaultValue' | 'onChange'
> & {
  /** The server's clock: a relative period is shown as the months it means now. */
  now: Date;
};

/** Mantine hands back `YYYY-MM-DD` strings (or Dates when given Dates): keep the month start. */
export function toMonth(value: unknown): string | null {
  if (typeof value !== 'string' || value.length < 7) return null;
  return `${value.slice(0, 7)}-01`;
}

/**
 * Mantine's month range picker ↔ a period field. The picker holds a `[first, last]` tuple of
 * inclusive month starts; the form holds a period. A relative period shows the months it means
 * now and says that it is relative; picking months makes it these exact months.
 */
export function FormPeriodRange<T extends FieldValues, N extends FieldPath<T>, Out = T>({
  now,
  description,
  ...field
}: FormPeriodRangeProps<T, N, Out>) {
  const { value, onChange, inputProps } = useFormField(field);
  const period = value as PeriodDraft | undefined;
  let range: [string | null, string | null] = [null, null];
  if (period?.kind === 'months') range = [period.first, period.last];
  else if (period) {
    const { first, last } = resolvePeriod(period, now);
    range = [first, last];
  }
  return (
    <MonthPickerInput
      {...inputProps}
      type="range"
      value={range}
      onChange={([first, last]) =>
        onChange({ kind: 'months', first: toMonth(first), last: toMonth(last) })
      }
      description={
        period?.kind === 'relative'
          ? `Relative: ${RELATIVE_PERIOD_LABELS[period.period]}`
          : description
      }
    />
  );
}

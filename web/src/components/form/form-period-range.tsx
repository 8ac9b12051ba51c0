import { MonthPickerInput, type MonthPickerInputProps } from '@mantine/dates';
import { RELATIVE_PERIOD_LABELS, resolvePeriod } from '@ace/bff/contract';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import type { PeriodDraft } from '../../lib/dashboard-draft';

type FormPeriodRangeProps<T extends FieldValues, N extends FieldPath<T>, Out> = Omit<
  MonthPickerInputProps<'range'>,
  'type' | 'value' | 'defaultValue' | 'onChange' | 'name'
> & {
  control: Control<T, unknown, Out>;
  name: N;
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
  control,
  name,
  now,
  error,
  description,
  ...props
}: FormPeriodRangeProps<T, N, Out>) {
  // Destructured: the React Compiler lint treats the whole `field` object as a ref.
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
    fieldState,
  } = useController({ control, name });
  const period = value as PeriodDraft | undefined;
  let range: [string | null, string | null] = [null, null];
  if (period?.kind === 'months') range = [period.first, period.last];
  else if (period) {
    const { first, last } = resolvePeriod(period, now);
    range = [first, last];
  }
  return (
    <MonthPickerInput
      {...props}
      type="range"
      ref={ref}
      name={fieldName}
      value={range}
      onChange={([first, last]) =>
        onChange({ kind: 'months', first: toMonth(first), last: toMonth(last) })
      }
      onBlur={onBlur}
      description={
        period?.kind === 'relative'
          ? `Relative: ${RELATIVE_PERIOD_LABELS[period.period]}`
          : description
      }
      error={fieldState.error?.message ?? error}
    />
  );
}

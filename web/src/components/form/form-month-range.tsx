import { MonthPickerInput, type MonthPickerInputProps } from '@mantine/dates';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

/** Mantine gives month starts as `YYYY-MM-DD`; the end is the *start* of the last month. */
export type MonthRangeValue = [string | null, string | null];

type FormMonthRangeProps<T extends FieldValues, N extends FieldPath<T>, Out> = Omit<
  MonthPickerInputProps<'range'>,
  'type' | 'value' | 'defaultValue' | 'onChange' | 'name'
> & {
  control: Control<T, unknown, Out>;
  name: N;
};

export function FormMonthRange<T extends FieldValues, N extends FieldPath<T>, Out = T>({
  control,
  name,
  error,
  ...props
}: FormMonthRangeProps<T, N, Out>) {
  // Destructured: the React Compiler lint treats the whole `field` object as a ref.
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
    fieldState,
  } = useController({ control, name });
  const range = (value as MonthRangeValue | undefined) ?? [null, null];
  return (
    <MonthPickerInput
      {...props}
      type="range"
      ref={ref}
      name={fieldName}
      value={range}
      onChange={(next) => onChange(next)}
      onBlur={onBlur}
      error={fieldState.error?.message ?? error}
    />
  );
}

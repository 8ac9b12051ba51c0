import { Select, type SelectProps } from '@mantine/core';
import type { FieldPath, FieldValues } from 'react-hook-form';
import { optionsMountedWhenOpen, useFormField, type FormFieldProps } from './use-form-field';

type FormSelectProps<T extends FieldValues, N extends FieldPath<T>, Out> = FormFieldProps<
  T,
  N,
  Out,
  SelectProps,
  'value' | 'defaultValue' | 'onChange'
> & {
  /** Runs after the form value changed (e.g. to reset fields that depend on this one). */
  onValueChange?: (value: string | null) => void;
  /** The option that stands for "no value" (e.g. `none`): the form holds undefined for it. */
  emptyValue?: string;
};

/**
 * Mantine Select ↔ react-hook-form; a validation error wins over a passed-in `error`, and
 * `emptyValue` is the option shown for an unset field.
 */
export function FormSelect<T extends FieldValues, N extends FieldPath<T>, Out = T>({
  onValueChange,
  emptyValue,
  comboboxProps,
  ...field
}: FormSelectProps<T, N, Out>) {
  const { value, onChange, inputProps } = useFormField(field);
  return (
    <Select
      {...inputProps}
      comboboxProps={optionsMountedWhenOpen(comboboxProps)}
      value={value ?? emptyValue ?? null}
      onChange={(next) => {
        onChange(emptyValue !== undefined && next === emptyValue ? undefined : next);
        onValueChange?.(next);
      }}
    />
  );
}

import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import type { FieldPath, FieldValues } from 'react-hook-form';
import { optionsMountedWhenOpen, useFormField, type FormFieldProps } from './use-form-field';

type FormMultiSelectProps<T extends FieldValues, N extends FieldPath<T>, Out> = FormFieldProps<
  T,
  N,
  Out,
  MultiSelectProps,
  'value' | 'defaultValue' | 'onChange'
> & {
  /** Fields whose validation depends on this one (re-checked on every change). */
  deps?: FieldPath<T>[];
};

/** Mantine MultiSelect ↔ react-hook-form: the value is the list of ids, labels come from data. */
export function FormMultiSelect<T extends FieldValues, N extends FieldPath<T>, Out = T>({
  comboboxProps,
  placeholder,
  ...field
}: FormMultiSelectProps<T, N, Out>) {
  const { value, onChange, inputProps } = useFormField(field);
  return (
    <MultiSelect
      {...inputProps}
      comboboxProps={optionsMountedWhenOpen(comboboxProps)}
      value={value ?? []}
      // Mantine shows the placeholder next to the pills too; it only makes sense when empty.
      placeholder={value?.length ? undefined : placeholder}
      onChange={(next) => onChange(next)}
    />
  );
}

import { Switch, type SwitchProps } from '@mantine/core';
import type { FieldPath, FieldValues } from 'react-hook-form';
import { useFormField, type FormFieldProps } from './use-form-field';

type FormSwitchProps<T extends FieldValues, N extends FieldPath<T>, Out> = FormFieldProps<
  T,
  N,
  Out,
  SwitchProps,
  'checked' | 'defaultChecked' | 'onChange'
>;

/** Mantine Switch ↔ a boolean form field; renders `role="switch"`. */
export function FormSwitch<T extends FieldValues, N extends FieldPath<T>, Out = T>(
  props: FormSwitchProps<T, N, Out>,
) {
  const { value, onChange, inputProps } = useFormField(props);
  return (
    <Switch
      {...inputProps}
      checked={Boolean(value)}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}

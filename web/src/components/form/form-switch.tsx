import { Switch, type SwitchProps } from '@mantine/core';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type FormSwitchProps<T extends FieldValues, N extends FieldPath<T>, Out> = Omit<
  SwitchProps,
  'checked' | 'defaultChecked' | 'onChange' | 'name'
> & {
  control: Control<T, unknown, Out>;
  name: N;
};

/** Mantine Switch ↔ a boolean form field; renders `role="switch"`. */
export function FormSwitch<T extends FieldValues, N extends FieldPath<T>, Out = T>({
  control,
  name,
  error,
  ...props
}: FormSwitchProps<T, N, Out>) {
  // Destructured: the React Compiler lint treats the whole `field` object as a ref.
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
    fieldState,
  } = useController({ control, name });
  return (
    <Switch
      {...props}
      ref={ref}
      name={fieldName}
      checked={Boolean(value)}
      onChange={(event) => onChange(event.currentTarget.checked)}
      onBlur={onBlur}
      error={fieldState.error?.message ?? error}
    />
  );
}

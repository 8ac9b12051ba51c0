import { Select, type SelectProps } from '@mantine/core';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type FormSelectProps<T extends FieldValues, N extends FieldPath<T>, Out> = Omit<
  SelectProps,
  'value' | 'defaultValue' | 'onChange' | 'name'
> & {
  control: Control<T, unknown, Out>;
  name: N;
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
  control,
  name,
  onValueChange,
  emptyValue,
  error,
  comboboxProps,
  ...props
}: FormSelectProps<T, N, Out>) {
  // Destructured: the React Compiler lint treats the whole `field` object as a ref.
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
    fieldState,
  } = useController({ control, name });
  return (
    <Select
      {...props}
      // Mantine keeps the closed listbox in the DOM, labelled like the input: getByLabel would
      // then find two elements. Mount the options only while the dropdown is open.
      comboboxProps={{ keepMounted: false, ...comboboxProps }}
      ref={ref}
      name={fieldName}
      value={value ?? emptyValue ?? null}
      onChange={(next) => {
        onChange(emptyValue !== undefined && next === emptyValue ? undefined : next);
        onValueChange?.(next);
      }}
      onBlur={onBlur}
      error={fieldState.error?.message ?? error}
    />
  );
}

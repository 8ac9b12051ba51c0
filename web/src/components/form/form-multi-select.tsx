import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type FormMultiSelectProps<T extends FieldValues, N extends FieldPath<T>, Out> = Omit<
  MultiSelectProps,
  'value' | 'defaultValue' | 'onChange' | 'name'
> & {
  control: Control<T, unknown, Out>;
  name: N;
  /** Fields whose validation depends on this one (re-checked on every change). */
  deps?: FieldPath<T>[];
};

/** Mantine MultiSelect ↔ react-hook-form: the value is the list of ids, labels come from data. */
export function FormMultiSelect<T extends FieldValues, N extends FieldPath<T>, Out = T>({
  control,
  name,
  deps,
  error,
  comboboxProps,
  placeholder,
  ...props
}: FormMultiSelectProps<T, N, Out>) {
  // Destructured: the React Compiler lint treats the whole `field` object as a ref.
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
    fieldState,
  } = useController({ control, name, rules: { deps } });
  return (
    <MultiSelect
      {...props}
      // Mantine keeps the closed listbox in the DOM, labelled like the input: getByLabel would
      // then find two elements. Mount the options only while the dropdown is open.
      comboboxProps={{ keepMounted: false, ...comboboxProps }}
      ref={ref}
      name={fieldName}
      value={value ?? []}
      // Mantine shows the placeholder next to the pills too; it only makes sense when empty.
      placeholder={value?.length ? undefined : placeholder}
      onChange={(next) => onChange(next)}
      onBlur={onBlur}
      error={fieldState.error?.message ?? error}
    />
  );
}

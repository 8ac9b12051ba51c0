import type { ComboboxProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

/**
 * An adapter's props: its Mantine input's own, less the ones the form field owns, plus the
 * field it is bound to.
 */
export type FormFieldProps<
  T extends FieldValues,
  N extends FieldPath<T>,
  Out,
  InputProps,
  Owned extends keyof InputProps,
> = Omit<InputProps, Owned | 'name'> & {
  control: Control<T, unknown, Out>;
  name: N;
};

/** The field an adapter is bound to. */
interface FieldBinding<T extends FieldValues, N extends FieldPath<T>, Out> {
  control: Control<T, unknown, Out>;
  name: N;
  /** Fields whose validation depends on this one (re-checked on every change). */
  deps?: FieldPath<T>[] | undefined;
  error?: ReactNode;
}

/**
 * Binds one Mantine input to a react-hook-form field: `value` and `onChange` for the adapter to
 * translate, and `inputProps` (the input's other props, with the field's ref, name and onBlur)
 * to pass through as they are. A validation error wins over a passed-in `error`.
 */
export function useFormField<T extends FieldValues, N extends FieldPath<T>, Out, Rest>({
  control,
  name,
  deps,
  error,
  ...rest
}: FieldBinding<T, N, Out> & Rest) {
  // Destructured: the React Compiler lint treats the whole `field` object as a ref.
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
    fieldState,
  } = useController({ control, name, rules: { deps } });
  const inputProps = {
    ...rest,
    ref,
    name: fieldName,
    onBlur,
    error: fieldState.error?.message ?? error,
  };
  return { value, onChange, inputProps };
}

/**
 * Mantine keeps the closed listbox in the DOM, labelled like the input: getByLabel would then
 * find two elements. Mount the options only while the dropdown is open.
 */
export function optionsMountedWhenOpen(comboboxProps: ComboboxProps | undefined): ComboboxProps {
  return { keepMounted: false, ...comboboxProps };
}

import { Combobox, Pill, PillsInput, useCombobox } from '@mantine/core';
import { SelectedChips } from './selected-chips';
import { memo, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { buildOptionIndex, filterRows, nextOptionRow, type PickerOption } from './option-index';
import { VirtualOptionList } from './virtual-option-list';
import classes from './virtual-multi-select.module.css';

export interface VirtualMultiSelectProps<T extends FieldValues, N extends FieldPath<T>, Out> {
  control: Control<T, unknown, Out>;
  name: N;
  label: string;
  /** Sorted by group; memoize it: a new array rebuilds the search index. */
  options: readonly PickerOption[];
  /** Plural, lower case, for the summary: "42 clusters selected". */
  noun: string;
  placeholder?: string | undefined;
  nothingFoundMessage?: string | undefined;
  disabled?: boolean | undefined;
  description?: string | undefined;
  error?: string | undefined;
  rightSection?: ReactNode;
  /** Chips shown before the rest are summed up in one "+ N more" pill. */
  maxChips?: number;
  maxDropdownHeight?: number;
}

/** Where the keyboard is: a row of the list as filtered by `search`. */
interface Cursor {
  search: string;
  index: number;
}

/**
 * A multi-select for thousands of grouped options, bound to a react-hook-form field (a list of
 * ids): Mantine's Combobox and PillsInput around a virtual list. Memoized and subscribed to its
 * own field only, so typing re-renders the picker, not the form.
 */
function VirtualMultiSelectField<T extends FieldValues, N extends FieldPath<T>, Out>({
  control,
  name,
  label,
  options,
  noun,
  placeholder,
  nothingFoundMessage,
  disabled,
  description,
  error,
  rightSection,
  maxChips = 5,
  maxDropdownHeight = 280,
}: VirtualMultiSelectProps<T, N, Out>) {
  const id = useId();
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
    fieldState,
  } = useController({ control, name });
  const ids = useMemo<string[]>(() => (value as string[] | undefined) ?? [], [value]);
  const selected = useMemo(() => new Set(ids), [ids]);
  const index = useMemo(() => buildOptionIndex(options), [options]);
  const [search, setSearch] = useState('');
  const rows = useMemo(() => filterRows(index, search), [index, search]);
  const [cursor, setCursor] = useState<Cursor>({ search: '', index: -1 });
  // Typing puts the keyboard on the first match (Enter picks it) until an arrow moves it.
  const activeIndex =
    cursor.search === search ? cursor.index : search.trim() ? nextOptionRow(rows, -1, 1) : -1;
  const combobox = useCombobox({ onDropdownClose: () => setCursor({ search: '', index: -1 }) });
  const opened = combobox.dropdownOpened && !disabled;

  const setIds = (next: string[]) => onChange(next);
  const toggle = (optionValue: string) => {
    setIds(
      selected.has(optionValue) ? ids.filter((v) => v !== optionValue) : [...ids, optionValue],
    );
    // As Mantine's MultiSelect: the search clears, the keyboard stays on the option picked.
    setSearch('');
    setCursor({ search: '', index: index.allRows.findIndex((row) => row.key === optionValue) });
  };
  const moveCursor = (step: 1 | -1) => {
    if (!opened) return combobox.openDropdown();
    const from = activeIndex < 0 && step === -1 ? rows.length : activeIndex;
    setCursor({ search, index: nextOptionRow(rows, from, step) });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveCursor(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && opened) {
      // Enter picks; with nothing to pick it must not submit the form behind the open list.
      event.preventDefault();
      const row = rows[activeIndex];
      if (row?.kind === 'option') toggle(row.option.value);
    } else if (event.key === 'Escape') {
      combobox.closeDropdown();
    } else if (event.key === 'Backspace' && search === '' && ids.length > 0) {
      setIds(ids.slice(0, -1));
    }
  };

  const labelOf = (v: string) => index.byValue.get(v)?.label ?? v;
  const clearable = ids.length > 0 && !disabled;
  const clearButton = <Combobox.ClearButton onClear={() => setIds([])} />;
  const listId = `${id}-listbox`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <Combobox store={combobox} onOptionSubmit={toggle} disabled={disabled}>
      <Combobox.DropdownTarget>
        <PillsInput
          id={id}
          label={label}
          description={description}
          error={fieldState.error?.message ?? error}
          disabled={disabled}
          rightSection={rightSection ?? (clearable ? clearButton : <Combobox.Chevron />)}
          rightSectionPointerEvents={clearable && !rightSection ? 'all' : 'none'}
          onClick={() => combobox.openDropdown()}
          // The e2e fixtures read chips by Mantine MultiSelect's static class names.
          className="mantine-MultiSelect-root"
        >
          <Pill.Group>
            <SelectedChips
              ids={ids}
              labelOf={labelOf}
              noun={noun}
              maxChips={maxChips}
              disabled={disabled}
              onChange={setIds}
            />
            <Combobox.EventsTarget withKeyboardNavigation={false} withAriaAttributes={false}>
              <PillsInput.Field
                ref={ref}
                id={id}
                role="combobox"
                aria-haspopup="listbox"
                aria-autocomplete="list"
                aria-expanded={opened}
                aria-controls={opened ? listId : undefined}
                aria-activedescendant={
                  opened && activeIndex >= 0 ? optionId(activeIndex) : undefined
                }
                autoComplete="off"
                placeholder={ids.length ? undefined : placeholder}
                value={search}
                disabled={disabled}
                onChange={(event) => {
                  setSearch(event.currentTarget.value);
                  combobox.openDropdown();
                }}
                onKeyDown={onKeyDown}
                onBlur={() => {
                  onBlur();
                  combobox.closeDropdown();
                  setSearch('');
                }}
              />
            </Combobox.EventsTarget>
          </Pill.Group>
        </PillsInput>
      </Combobox.DropdownTarget>
      <Combobox.Dropdown hidden={disabled} p={0}>
        {opened &&
          (rows.length > 0 ? (
            <VirtualOptionList
              rows={rows}
              selected={selected}
              activeIndex={activeIndex}
              listId={listId}
              labelId={`${id}-label`}
              maxHeight={maxDropdownHeight}
              optionId={optionId}
            />
          ) : (
            <div className={classes.empty}>{nothingFoundMessage}</div>
          ))}
      </Combobox.Dropdown>
      <Combobox.HiddenInput name={fieldName} value={ids} disabled={disabled} />
    </Combobox>
  );
}

/** See VirtualMultiSelectField; `memo` keeps the generic signature. */
export const VirtualMultiSelect = memo(VirtualMultiSelectField) as typeof VirtualMultiSelectField;

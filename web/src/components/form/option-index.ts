/** One choice of a picker: `group` (e.g. the project's name) heads a run of options. */
export interface PickerOption {
  value: string;
  label: string;
  group?: string | undefined;
}

/** One row of the list as drawn: a group's heading (not selectable) or an option. */
export type PickerRow =
  | { kind: 'group'; group: string; key: string }
  | { kind: 'option'; option: PickerOption; key: string };

export interface OptionIndex {
  byValue: ReadonlyMap<string, PickerOption>;
  /** Every row with nothing typed: what opening the list shows. */
  allRows: readonly PickerRow[];
  options: readonly PickerOption[];
  /** The options' labels in lower case, computed once, in the options' order. */
  lowerLabels: readonly string[];
}

/**
 * Options grouped in order: callers pass options already sorted by group, so a group's
 * heading is written whenever the group changes (a group split in two gets two headings).
 */
export function buildOptionIndex(options: readonly PickerOption[]): OptionIndex {
  const byValue = new Map<string, PickerOption>();
  for (const option of options) byValue.set(option.value, option);
  return {
    byValue,
    options,
    lowerLabels: options.map((option) => option.label.toLowerCase()),
    allRows: rowsOf(options, () => true),
  };
}

/**
 * The rows whose label contains `search` (case-insensitive), with their groups' headings: one
 * pass over the precomputed labels. (Mantine 9.7's own lookup is quadratic in grouped options.)
 */
export function filterRows(index: OptionIndex, search: string): readonly PickerRow[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return index.allRows;
  return rowsOf(index.options, (i) => index.lowerLabels[i]!.includes(needle));
}

function rowsOf(options: readonly PickerOption[], keep: (i: number) => boolean): PickerRow[] {
  const rows: PickerRow[] = [];
  let group: string | undefined;
  options.forEach((option, i) => {
    if (!keep(i)) return;
    if (option.group !== undefined && option.group !== group) {
      rows.push({ kind: 'group', group: option.group, key: `group:${i}` });
    }
    group = option.group;
    rows.push({ kind: 'option', option, key: option.value });
  });
  return rows;
}

/** The next option row from `from` in direction `step` (headings skipped), or `from`. */
export function nextOptionRow(rows: readonly PickerRow[], from: number, step: 1 | -1): number {
  for (let i = from + step; i >= 0 && i < rows.length; i += step) {
    if (rows[i]!.kind === 'option') return i;
  }
  return from;
}

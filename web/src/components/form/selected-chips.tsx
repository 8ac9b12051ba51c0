import { Pill } from '@mantine/core';

interface SelectedChipsProps {
  ids: readonly string[];
  labelOf: (id: string) => string;
  /** Plural, lower case: "42 clusters selected". */
  noun: string;
  /** Chips shown before the rest are summed up in one "+ N more" pill. */
  maxChips: number;
  disabled?: boolean | undefined;
  onChange: (ids: string[]) => void;
}

/**
 * The chosen ids as chips, the first `maxChips` by name and the rest in one summary pill that
 * clears them all: hundreds of chips would bury the input and cost a render each.
 */
export function SelectedChips({
  ids,
  labelOf,
  noun,
  maxChips,
  disabled,
  onChange,
}: SelectedChipsProps) {
  const chips = ids.length > maxChips ? ids.slice(0, maxChips) : ids;
  return (
    <>
      {chips.map((id) => (
        <Pill
          key={id}
          // The e2e fixtures read chips by Mantine MultiSelect's static class names.
          className="mantine-MultiSelect-pill"
          withRemoveButton={!disabled}
          disabled={disabled}
          onRemove={() => onChange(ids.filter((other) => other !== id))}
        >
          {labelOf(id)}
        </Pill>
      ))}
      {ids.length > chips.length && (
        <Pill
          title={`${ids.length} ${noun} selected`}
          withRemoveButton={!disabled}
          disabled={disabled}
          onRemove={() => onChange([])}
          // Pill hides its remove button from assistive tech; this one is the only way to clear
          // the hidden chips, so it is a real, named button.
          removeButtonProps={{
            'aria-hidden': false,
            tabIndex: 0,
            'aria-label': `Clear all ${ids.length} ${noun}`,
          }}
        >
          + {ids.length - chips.length} more
        </Pill>
      )}
    </>
  );
}

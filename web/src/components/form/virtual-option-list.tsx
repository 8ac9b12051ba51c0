import { CheckIcon, Combobox } from '@mantine/core';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { PickerRow } from './option-index';
import classes from './virtual-multi-select.module.css';

/** Every row is this tall (the CSS module fixes it), so nothing needs measuring. */
const ROW_HEIGHT = 34;

interface VirtualOptionListProps {
  rows: readonly PickerRow[];
  selected: ReadonlySet<string>;
  /** The row the keyboard is on (-1: none); always rendered, and scrolled into view. */
  activeIndex: number;
  listId: string;
  labelId: string | undefined;
  maxHeight: number;
  optionId: (index: number) => string;
}

/** One run of rendered rows under the same group (or none). */
interface Run {
  group: string | undefined;
  indexes: number[];
}

/**
 * The listbox: only the rows in view (plus a few) are in the DOM, absolutely placed in a box as
 * tall as every row. Rendered rows are wrapped in `role="group"` per project, named after it,
 * so a screen reader hears the group even when its heading has scrolled out of the DOM.
 */
export function VirtualOptionList({
  rows,
  selected,
  activeIndex,
  listId,
  labelId,
  maxHeight,
  optionId,
}: VirtualOptionListProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  // The active row stays in the DOM even off screen, so aria-activedescendant always resolves.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < 0 || activeIndex >= range.count || indexes.includes(activeIndex)) {
        return indexes;
      }
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );
  // The virtualizer hands out fresh functions by design; it is not memoizable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    rangeExtractor,
    // Before the first measurement (and in tests without layout) assume the list's full height.
    initialRect: { width: 320, height: maxHeight },
  });
  useLayoutEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const runs: Run[] = [];
  for (const item of items) {
    const row = rows[item.index]!;
    const group = row.kind === 'group' ? row.group : row.option.group;
    const last = runs.at(-1);
    if (last && last.group === group && last.indexes.at(-1) === item.index - 1) {
      last.indexes.push(item.index);
    } else runs.push({ group, indexes: [item.index] });
  }
  const place = (index: number) => ({ transform: `translateY(${index * ROW_HEIGHT}px)` });

  const renderRow = (index: number) => {
    const row = rows[index]!;
    if (row.kind === 'group') {
      // The group's name is already the group's accessible name: the heading is for the eye.
      return (
        <div key={row.key} className={classes.groupLabel} style={place(index)} aria-hidden>
          {row.group}
        </div>
      );
    }
    const { option } = row;
    const checked = selected.has(option.value);
    return (
      <Combobox.Option
        key={row.key}
        id={optionId(index)}
        value={option.value}
        className={classes.option}
        style={place(index)}
        selected={index === activeIndex}
        active={checked}
        aria-selected={checked}
        data-checked={checked || undefined}
      >
        <span className={classes.check}>{checked && <CheckIcon size={12} aria-hidden />}</span>
        <span className={classes.label}>{option.label}</span>
      </Combobox.Option>
    );
  };

  return (
    <div ref={scrollerRef} className={classes.scroller} style={{ maxHeight }} data-virtual-scroller>
      <div
        role="listbox"
        id={listId}
        aria-labelledby={labelId}
        aria-multiselectable
        className={classes.listbox}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {runs.map((run) =>
          run.group === undefined ? (
            run.indexes.map(renderRow)
          ) : (
            <div role="group" aria-label={run.group} key={`run:${run.indexes[0]}`}>
              {run.indexes.map(renderRow)}
            </div>
          ),
        )}
      </div>
    </div>
  );
}

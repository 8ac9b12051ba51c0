import { CheckIcon, Combobox } from '@mantine/core';
import { useRef } from 'react';
import type { PickerRow } from './option-index';
import { useRowWindow } from './use-row-window';
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
  const { indexes, totalHeight, onScroll } = useRowWindow({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    viewport: maxHeight,
    overscan: 8,
    activeIndex,
    scrollerRef,
  });

  const runs: Run[] = [];
  for (const index of indexes) {
    const row = rows[index]!;
    const group = row.kind === 'group' ? row.group : row.option.group;
    const last = runs.at(-1);
    if (last && last.group === group && last.indexes.at(-1) === index - 1) {
      last.indexes.push(index);
    } else runs.push({ group, indexes: [index] });
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
    <div
      ref={scrollerRef}
      className={classes.scroller}
      style={{ maxHeight }}
      onScroll={onScroll}
      data-virtual-scroller
    >
      <div
        role="listbox"
        id={listId}
        aria-labelledby={labelId}
        aria-multiselectable
        className={classes.listbox}
        style={{ height: totalHeight }}
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

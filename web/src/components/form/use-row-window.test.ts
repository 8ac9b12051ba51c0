import { act, renderHook } from '@testing-library/react';
import type { UIEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { useRowWindow } from './use-row-window';

function rowWindow(count: number, activeIndex = -1) {
  const scroller = document.createElement('div');
  const scrollerRef = { current: scroller };
  const hook = renderHook(
    ({ count, activeIndex }) =>
      useRowWindow({ count, rowHeight: 10, viewport: 100, overscan: 2, activeIndex, scrollerRef }),
    { initialProps: { count, activeIndex } },
  );
  const scrollTo = (top: number) => {
    scroller.scrollTop = top;
    act(() => hook.result.current.onScroll({ currentTarget: scroller } as UIEvent<HTMLDivElement>));
  };
  return { ...hook, scroller, scrollTo };
}

describe('the rows window', () => {
  it('renders the rows in view and a few either side, in a box as tall as every row', () => {
    const { result, scrollTo } = rowWindow(1000);
    expect(result.current.indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result.current.totalHeight).toBe(10_000);
    scrollTo(500);
    expect(result.current.indexes[0]).toBe(48);
    expect(result.current.indexes.at(-1)).toBe(62);
  });

  it('keeps the active row rendered, and scrolls it into view', () => {
    const { result, scroller, rerender } = rowWindow(1000, 400);
    expect(result.current.indexes.at(-1)).toBe(400);
    expect(scroller.scrollTop).toBe(400 * 10 + 10 - 100);
    rerender({ count: 1000, activeIndex: 3 });
    expect(scroller.scrollTop).toBe(30);
  });

  it('renders the last rows when a filter shortens the list below where it was scrolled', () => {
    const { result, scrollTo, rerender } = rowWindow(1000);
    scrollTo(5000);
    rerender({ count: 20, activeIndex: -1 });
    expect(result.current.indexes).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
});

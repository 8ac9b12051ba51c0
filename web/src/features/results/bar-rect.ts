/** What recharts hands a bar's shape: the bar's box, whose width or height is negative for bars
 * that grow left or down (credits below the axis in a stacked chart). */
export interface BarBox {
  x?: number | undefined;
  y?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

/** The same box as an SVG <rect> can draw it: non-negative width and height. */
export function barRect(box: BarBox): { x: number; y: number; width: number; height: number } {
  const x = box.x ?? 0;
  const y = box.y ?? 0;
  const width = box.width ?? 0;
  const height = box.height ?? 0;
  return {
    x: width < 0 ? x + width : x,
    y: height < 0 ? y + height : y,
    width: Math.abs(width),
    height: Math.abs(height),
  };
}

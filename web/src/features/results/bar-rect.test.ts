import { describe, expect, it } from 'vitest';
import { barRect } from './bar-rect';

describe('barRect', () => {
  it('keeps a bar that grows up and right as it is', () => {
    expect(barRect({ x: 10, y: 20, width: 30, height: 40 })).toEqual({
      x: 10,
      y: 20,
      width: 30,
      height: 40,
    });
  });

  it('turns a bar that grows down (a credit below the axis) into a box with a positive height', () => {
    expect(barRect({ x: 10, y: 100, width: 30, height: -40 })).toEqual({
      x: 10,
      y: 60,
      width: 30,
      height: 40,
    });
    expect(barRect({ x: 50, y: 0, width: -20, height: 5 })).toMatchObject({ x: 30, width: 20 });
  });

  it('draws nothing where recharts gives no box', () => {
    expect(barRect({})).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndices } from './sort-indices';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

function reference(indices: Int32Array, keys: number[], descending: boolean): number[] {
  return [...indices].sort(
    (a, b) => (descending ? keys[b]! - keys[a]! : keys[a]! - keys[b]!) || a - b,
  );
}

describe('sortIndices', () => {
  it('sorts by key, ties in index order, both ways', () => {
    const keys = [5, -1, 5, 0, -1];
    expect([...sortIndices(all(5), (i) => keys[i]!, false)]).toEqual([1, 4, 3, 0, 2]);
    expect([...sortIndices(all(5), (i) => keys[i]!, true)]).toEqual([0, 2, 3, 1, 4]);
  });

  it('sorts a filtered subset of rows', () => {
    const keys = [3, 2, 1, 0];
    expect([...sortIndices(Int32Array.from([0, 2, 3]), (i) => keys[i]!, false)]).toEqual([3, 2, 0]);
  });

  it('agrees with a comparator sort, also for keys too wide to pack', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -1e6, max: 1e6 }),
            fc.maxSafeInteger(),
            fc.double({ min: -10, max: 10, noNaN: true }),
          ),
          {
            maxLength: 300,
          },
        ),
        fc.boolean(),
        (keys, descending) => {
          const indices = all(keys.length);
          const sorted = sortIndices(indices, (i) => keys[i]!, descending);
          expect([...sorted]).toEqual(reference(indices, keys, descending));
        },
      ),
    );
  });
});

import type { SimDataset } from '../types';

/**
 * Every string in the dataset (ids, names, invoice ids…) but its calendar (`anchorMonth`,
 * `firstMonth`: the simulator's months, nobody's data): what a shape-only output (the wire log,
 * the probe) must never contain.
 */
export function datasetStrings(dataset: SimDataset): string[] {
  const out = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string' && !['anchorMonth', 'firstMonth'].includes(key)) out.add(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(dataset, '');
  return [...out];
}

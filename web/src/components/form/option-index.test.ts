import { describe, expect, it } from 'vitest';
import { buildOptionIndex, filterRows, nextOptionRow, type PickerOption } from './option-index';

const OPTIONS: PickerOption[] = [
  { value: 'a1', label: 'Shop-Prod', group: 'Shop' },
  { value: 'a2', label: 'shop-dev', group: 'Shop' },
  { value: 'b1', label: 'ads-prod', group: 'Ads' },
];

const describeRows = (rows: ReturnType<typeof filterRows>) =>
  rows.map((row) => (row.kind === 'group' ? `# ${row.group}` : row.option.label));

describe('option index', () => {
  it('heads each run of a group with its name, and lists everything for an empty search', () => {
    const index = buildOptionIndex(OPTIONS);
    expect(describeRows(filterRows(index, ''))).toEqual([
      '# Shop',
      'Shop-Prod',
      'shop-dev',
      '# Ads',
      'ads-prod',
    ]);
    expect(filterRows(index, '  ')).toBe(index.allRows);
  });

  it('keeps the options whose label contains the search, ignoring case, under their groups', () => {
    const index = buildOptionIndex(OPTIONS);
    expect(describeRows(filterRows(index, 'PROD'))).toEqual([
      '# Shop',
      'Shop-Prod',
      '# Ads',
      'ads-prod',
    ]);
    expect(filterRows(index, 'nothing')).toEqual([]);
  });

  it('lists options without a group without headings', () => {
    const index = buildOptionIndex([{ value: 'x', label: 'X' }]);
    expect(describeRows(index.allRows)).toEqual(['X']);
  });

  it('steps the keyboard over headings and stops at either end', () => {
    const rows = buildOptionIndex(OPTIONS).allRows;
    expect(nextOptionRow(rows, -1, 1)).toBe(1);
    expect(nextOptionRow(rows, 2, 1)).toBe(4);
    expect(nextOptionRow(rows, 4, 1)).toBe(4);
    expect(nextOptionRow(rows, 4, -1)).toBe(2);
    expect(nextOptionRow(rows, 1, -1)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeQuery, queryKeyOf } from './query-key';

const p1 = 'a'.repeat(24);
const p2 = 'b'.repeat(24);
const base = { startDate: '2026-01-01', endDate: '2026-04-01' };
const keyOf = (query: Parameters<typeof normalizeQuery>[0]) => queryKeyOf(normalizeQuery(query));

describe('the query key', () => {
  it('is the same whatever the order or repetition of ids and services', () => {
    expect(keyOf({ ...base, projects: [p2, p1, p2], services: ['Storage', 'Atlas'] })).toBe(
      keyOf({ ...base, projects: [p1, p2], services: ['Atlas', 'Storage', 'Atlas'] }),
    );
  });

  it('treats an empty list and a false partial flag as not given', () => {
    expect(keyOf({ ...base, clusters: [], includePartialMatches: false })).toBe(keyOf(base));
  });

  it('differs when dates, group-by, the partial flag or the filter differ', () => {
    const keys = [
      keyOf(base),
      keyOf({ ...base, endDate: '2026-05-01' }),
      keyOf({ ...base, projects: [p1], groupBy: 'projects' }),
      keyOf({ ...base, projects: [p1] }),
      keyOf({ ...base, includePartialMatches: true }),
      keyOf({ ...base, organizations: [p1] }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('normalizes to what Atlas is sent: sorted, de-duplicated, nothing empty', () => {
    expect(normalizeQuery({ ...base, projects: [p2, p1, p1], clusters: [] })).toEqual({
      ...base,
      projects: [p1, p2],
    });
  });
});

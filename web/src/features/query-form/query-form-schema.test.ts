import { describe, expect, it } from 'vitest';
import { defaultQueryFormValues, type QueryFormValues } from './form-values';
import { createQueryFormSchema } from './query-form-schema';

const NOW = new Date('2025-06-15T12:00:00Z');
const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const schema = createQueryFormSchema(NOW);

function issuesOf(overrides: Partial<QueryFormValues>) {
  const result = schema.safeParse({ ...defaultQueryFormValues(NOW), orgId: ORG, ...overrides });
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('the query form schema (refines to the contract)', () => {
  it('turns valid values into an org and an Atlas request', () => {
    const result = schema.parse({ ...defaultQueryFormValues(NOW), orgId: ORG });
    expect(result).toEqual({
      orgId: ORG,
      request: { startDate: '2025-01-01', endDate: '2025-07-01' },
    });
  });

  it('reports the group-by rule on "Group by"', () => {
    expect(issuesOf({ groupBy: 'clusters' })).toEqual([
      ['groupBy', 'Group by clusters needs at least one cluster'],
    ]);
  });

  it('rejects months Atlas no longer keeps, on the month picker', () => {
    const issues = issuesOf({ months: ['2023-11-01', '2024-01-01'] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.[0]).toBe('months');
    expect(issues[0]?.[1]).toMatch(/18 months/);
  });

  it('asks for an organization', () => {
    expect(issuesOf({ orgId: '' })).toEqual([['orgId', 'Choose an organization']]);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultQueryFormValues, type QueryFormValues } from './form-values';
import { toCostQueryRequest, toFormFieldError } from './to-cost-query-request';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const PROJECT = 'bbbbbbbbbbbbbbbbbbbbbbbb';

function values(overrides: Partial<QueryFormValues> = {}): QueryFormValues {
  return {
    ...defaultQueryFormValues(new Date('2025-06-15T00:00:00Z')),
    orgId: ORG,
    ...overrides,
  };
}

describe('toCostQueryRequest', () => {
  it('sends the month after the last chosen month as the exclusive endDate', () => {
    expect(toCostQueryRequest(values({ months: ['2025-01-01', '2025-03-01'] }))).toEqual({
      startDate: '2025-01-01',
      endDate: '2025-04-01',
    });
  });

  it('crosses the year when December is the last month', () => {
    const request = toCostQueryRequest(values({ months: ['2024-12-01', '2024-12-01'] }));
    expect(request.endDate).toBe('2025-01-01');
  });

  it('omits empty lists, a "none" group-by and a switched-off partial match', () => {
    const request = toCostQueryRequest(values());
    expect(Object.keys(request).sort()).toEqual(['endDate', 'startDate']);
  });

  it('sends chosen ids, the group-by and partial matches', () => {
    const request = toCostQueryRequest(
      values({
        projects: [PROJECT],
        services: ['Backup'],
        groupBy: 'projects',
        includePartialMatches: true,
      }),
    );
    expect(request).toMatchObject({
      projects: [PROJECT],
      services: ['Backup'],
      groupBy: 'projects',
      includePartialMatches: true,
    });
    expect(request).not.toHaveProperty('clusters');
    expect(request).not.toHaveProperty('organizations');
  });

  it('names the organization in the body only to group by organizations', () => {
    const request = toCostQueryRequest(values({ groupBy: 'organizations' }));
    expect(request.organizations).toEqual([ORG]);
  });

  it('leaves a missing end month undefined so the contract can name it', () => {
    const request = toCostQueryRequest(values({ months: ['2025-01-01', null] }));
    expect(request.endDate).toBeUndefined();
  });
});

describe('toFormFieldError', () => {
  it('puts date problems on the month picker', () => {
    expect(toFormFieldError('endDate', 'is required')).toEqual({
      field: 'months',
      message: 'Choose the last month too',
    });
    expect(toFormFieldError(['startDate'], 'must not be before 2024-01-01').field).toBe('months');
  });

  it('maps a dotted list path to its picker and names the item', () => {
    expect(toFormFieldError('clusters.3', 'must be a 24-character id')).toEqual({
      field: 'clusters',
      message: 'Clusters (item 4) must be a 24-character id',
    });
  });

  it('leaves unknown paths to the form as a whole', () => {
    expect(toFormFieldError('body', 'is not JSON').field).toBeUndefined();
  });
});

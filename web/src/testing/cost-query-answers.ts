import type { CostQueryDone, UsageRow } from '@ace/bff/contract';

/**
 * A finished answer for component and unit tests: January–February 2025 of one org, nothing
 * filtered, over `usage` with totals that add up. `query` overrides parts of the question.
 */
export function doneAnswer(
  usage: UsageRow[] = [],
  query: Partial<CostQueryDone['query']> = {},
): CostQueryDone {
  return {
    id: 'query_0000000000000000000001',
    orgId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    status: 'done',
    createdAt: '2025-06-15T12:00:00.000Z',
    completedAt: '2025-06-15T12:00:04.000Z',
    query: {
      orgId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      period: { kind: 'months', first: '2025-01-01', last: '2025-02-01' },
      filters: { organizations: [], projects: [], clusters: [], services: [] },
      includePartialMatches: false,
      view: {},
      ...query,
    },
    months: { first: '2025-01-01', last: '2025-02-01' },
    organizations: ['aaaaaaaaaaaaaaaaaaaaaaaa'],
    result: usageResult(usage),
  };
}

/** A result over these rows, with the totals the BFF would send. */
export function usageResult(usage: UsageRow[]): CostQueryDone['result'] {
  return {
    usageDetails: usage,
    totals: {
      currency: 'USD',
      totalCents: usage.reduce((sum, row) => sum + row.usageAmountCents, 0),
      rowCount: usage.length,
    },
  };
}

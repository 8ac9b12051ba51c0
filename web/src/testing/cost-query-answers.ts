import {
  summarizeUsage,
  type CostQueryDone,
  type GroupBy,
  type MonthSpan,
  type UsageRow,
} from '@ace/bff/contract';
import { buildCostPivot } from '../features/results/build-cost-pivot';
import type { NameDirectory } from '../lib/entity-names';

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
    result: usageResult(usage, query.groupBy),
  };
}

const JAN_FEB_2025: MonthSpan = { first: '2025-01-01', last: '2025-02-01' };

/** A result over these rows, with the summary and totals the BFF would send. */
export function usageResult(
  usage: UsageRow[],
  groupBy?: GroupBy,
  months: MonthSpan = JAN_FEB_2025,
): CostQueryDone['result'] {
  return {
    summary: summarizeUsage(usage, groupBy, months),
    totals: {
      currency: 'USD',
      totalCents: usage.reduce((sum, row) => sum + row.usageAmountCents, 0),
      rowCount: usage.length,
    },
  };
}

/** The pivot of these rows as the page builds it: the BFF's summary of them, then the pivot. */
export function pivotOfRows(
  usage: readonly UsageRow[],
  groupBy: GroupBy | undefined,
  months: MonthSpan,
  directory?: NameDirectory,
) {
  return buildCostPivot(summarizeUsage(usage, groupBy, months), directory);
}

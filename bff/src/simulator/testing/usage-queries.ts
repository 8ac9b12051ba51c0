import type { UsageQuery } from '../cost-explorer/usage-types';

/** A validated query over the given months with no filter: every list empty, no partial matches. */
export function unfilteredQuery(
  over: Partial<UsageQuery> & Pick<UsageQuery, 'startDate' | 'endDate'>,
): UsageQuery {
  return {
    organizations: [],
    projects: [],
    clusters: [],
    services: [],
    includePartialMatches: false,
    ...over,
  };
}

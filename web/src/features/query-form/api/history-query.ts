import { apiRoutes, RETENTION_MONTHS, type MonthBounds } from '@ace/bff/contract';
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchApi } from '../../../lib/api-client';

export const historyKeys = {
  org: (orgId: string) => ['orgs', orgId, 'history'] as const,
};

/** How far back an organization's questions may reach: Atlas's window and the kept months. */
export function historyQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: historyKeys.org(orgId),
    queryFn: orgId
      ? ({ signal }) => fetchApi(apiRoutes.getHistory, { params: { orgId } }, { signal })
      : skipToken,
    // Kept months change when a query keeps a new month or an admin forgets some: a minute is
    // fresh enough for a picker's lower bound.
    staleTime: 60_000,
  });
}

/**
 * The month bounds the form and its picker use for `orgId`: the BFF's answer once it has one;
 * until then, or when it fails, Atlas's window from /api/meta (`atlasMonths`), so the history
 * fetch never blocks the form. `settled`: no fetch of it is under way for the first time.
 */
export function useMonthBounds(orgId: string, atlasMonths = RETENTION_MONTHS) {
  const history = useQuery(historyQueryOptions(orgId));
  const months = history.data?.atlasMonths ?? atlasMonths;
  const earliestKept = history.data?.earliestKeptMonth ?? null;
  const bounds = useMemo<MonthBounds>(
    () => ({ atlasMonths: months, earliestKept }),
    [months, earliestKept],
  );
  return { bounds, settled: !history.isLoading };
}

import { apiRoutes } from '@ace/bff/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchApi } from '../../../lib/api-client';

export const metaKeys = { all: ['meta'] as const };

export function metaQueryOptions() {
  return queryOptions({
    queryKey: metaKeys.all,
    queryFn: ({ signal }) => fetchApi(apiRoutes.getMeta, {}, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useMeta() {
  return useQuery(metaQueryOptions());
}

import { apiRoutes } from '@ace/bff/contract';
import { keepPreviousData, queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { fetchApi } from '../../../lib/api-client';

/** Names change rarely; five minutes keeps pickers instant without going stale for long. */
const PICKER_STALE_MS = 5 * 60_000;

export const pickerKeys = {
  orgs: ['orgs'] as const,
  projects: (orgId: string) => ['orgs', orgId, 'projects'] as const,
  clusters: (orgId: string, projectIds: readonly string[], includeDeleted = false) =>
    ['orgs', orgId, 'clusters', { projects: [...projectIds].sort(), includeDeleted }] as const,
  services: ['services'] as const,
};

export function orgsQueryOptions() {
  return queryOptions({
    queryKey: pickerKeys.orgs,
    queryFn: ({ signal }) => fetchApi(apiRoutes.listOrgs, {}, { signal }),
    staleTime: PICKER_STALE_MS,
  });
}

export function projectsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: pickerKeys.projects(orgId),
    queryFn: orgId
      ? ({ signal }) => fetchApi(apiRoutes.listProjects, { params: { orgId } }, { signal })
      : skipToken,
    staleTime: PICKER_STALE_MS,
  });
}

/**
 * Clusters narrowed to the chosen projects (all of the org's clusters when none are chosen);
 * `includeDeleted` adds deleted clusters Atlas still lists, flagged `deleted`.
 */
export function clustersQueryOptions(
  orgId: string,
  projectIds: readonly string[],
  includeDeleted = false,
) {
  const sorted = [...projectIds].sort();
  return queryOptions({
    queryKey: pickerKeys.clusters(orgId, sorted, includeDeleted),
    queryFn: orgId
      ? ({ signal }) =>
          fetchApi(
            apiRoutes.listClusters,
            {
              params: { orgId },
              query: {
                projects: sorted.length > 0 ? sorted.join(',') : undefined,
                includeDeleted: includeDeleted ? 'true' : undefined,
              },
            },
            { signal },
          )
      : skipToken,
    staleTime: PICKER_STALE_MS,
  });
}

export function servicesQueryOptions() {
  return queryOptions({
    queryKey: pickerKeys.services,
    queryFn: ({ signal }) => fetchApi(apiRoutes.listServices, {}, { signal }),
    staleTime: Infinity,
  });
}

export const useOrgs = () => useQuery(orgsQueryOptions());
export const useProjects = (orgId: string) => useQuery(projectsQueryOptions(orgId));
export const useServices = () => useQuery(servicesQueryOptions());

/** Keeps the previous list on screen while a narrower one loads (no flicker per click). */
export const useClusters = (orgId: string, projectIds: readonly string[], includeDeleted = false) =>
  useQuery({
    ...clustersQueryOptions(orgId, projectIds, includeDeleted),
    placeholderData: keepPreviousData,
  });

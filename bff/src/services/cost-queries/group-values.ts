import type { DashboardQuery } from '../../contract';
import { AppError } from '../../errors';
import type { GroupValues } from './atlas-query';
import type { PickerService } from '../pickers';

/**
 * Atlas groups by projects or clusters only when the filter names some ("at least one filter
 * value needs to be provided for a dimension to be used"). A person who groups by projects
 * without choosing any means all of them, so the BFF names them: every project (or cluster,
 * deleted ones included: their past costs count) of the organizations the question covers,
 * which are only organizations the viewer may see. More than one Atlas query carries is fine:
 * the job asks in parts (see query-plan.ts).
 */
export async function groupValuesFor(
  pickers: Pick<PickerService, 'listProjects' | 'listClusters'>,
  question: DashboardQuery,
  organizations: readonly string[],
): Promise<GroupValues> {
  const { groupBy, filters } = question;
  if (groupBy === 'projects' && filters.projects.length === 0) {
    const lists = await Promise.all(organizations.map((orgId) => pickers.listProjects(orgId)));
    return {
      projects: capped(
        'projects',
        lists.flat().map((p) => p.id),
      ),
    };
  }
  if (groupBy === 'clusters' && filters.clusters.length === 0) {
    const lists = await Promise.all(
      organizations.map((orgId) =>
        pickers.listClusters(orgId, filters.projects, { includeDeleted: true }),
      ),
    );
    return {
      clusters: capped(
        'clusters',
        lists.flat().map((c) => c.id),
      ),
    };
  }
  return {};
}

function capped(dimension: 'projects' | 'clusters', ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    throw new AppError({
      status: 400,
      title: 'Nothing to group by',
      detail: `These organizations have no ${dimension} to group by.`,
      errors: [{ field: 'groupBy', message: `finds no ${dimension} in these organizations` }],
    });
  }
  return unique;
}

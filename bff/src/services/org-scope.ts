import type { DrillPathStep } from '../contract';
import { AppError, notFound } from '../errors';
import type { Viewer } from './access';
import type { PickerService } from './pickers';

/**
 * Which organizations a question covers. Atlas answers a paying organization's path with the
 * rows of all its linked organizations unless `organizations` narrows it, and it has no endpoint
 * that lists linked organizations; so the BFF never leaves the choice to Atlas. Every query it
 * sends names its organizations explicitly: the ones the person asked for, or else every
 * organization this dashboard serves that the person may see (never empty, never "all").
 */
export interface OrgScope {
  /**
   * The sorted, de-duplicated `organizations` list to send for `pathOrgId`. 404 when no
   * connection serves `pathOrgId`; 400 when `requested` names an organization none serves.
   * The viewer's right to see the path org and the requested ones is checked before (403).
   */
  organizationsFor(
    viewer: Viewer,
    pathOrgId: string,
    requested: readonly string[] | undefined,
  ): Promise<string[]>;
  /**
   * The projects, clusters and drill-down steps among `ids` that lie outside every organization
   * the viewer may see (nothing for a viewer who sees all: no Atlas call then). Lists come from
   * the pickers' caches.
   */
  unseen(viewer: Viewer, ids: ScopedIds): Promise<UnseenIds>;
}

export interface ScopedIds {
  projects?: readonly string[] | undefined;
  clusters?: readonly string[] | undefined;
  drill?: readonly DrillPathStep[] | undefined;
}

export interface UnseenIds {
  projects: string[];
  clusters: string[];
  /** Index of the first drill-down step naming something unseen (-1: none). */
  firstUnseenStep: number;
}

export const nothingUnseen = (u: UnseenIds) =>
  u.projects.length === 0 && u.clusters.length === 0 && u.firstUnseenStep < 0;

/** 403 naming how many ids of each kind the viewer may not use (never which: they are not theirs). */
export function assertNothingUnseen(unseen: UnseenIds): void {
  const errors = (['projects', 'clusters'] as const).flatMap((field) =>
    unseen[field].length > 0
      ? [
          {
            field,
            message: `names ${unseen[field].length} ${field === 'projects' ? 'project(s)' : 'cluster(s)'} outside the organizations you may see`,
          },
        ]
      : [],
  );
  if (errors.length === 0) return;
  throw new AppError({
    status: 403,
    title: 'Not allowed for these projects or clusters',
    detail: 'Some of the chosen projects or clusters belong to organizations you may not see.',
    errors,
  });
}

type Lists = Pick<PickerService, 'listOrgs' | 'listProjects' | 'listClusters'>;

export function createOrgScope(pickers: Lists): OrgScope {
  const servedOrgIds = async () => new Set((await pickers.listOrgs()).map((o) => o.id));

  /** The organizations the viewer may see among those served. */
  const visibleOrgIds = async (viewer: Viewer) => {
    const served = await servedOrgIds();
    return [...viewer.grantedOrgIds].filter((id) => served.has(id));
  };

  return {
    async organizationsFor(viewer, pathOrgId, requested) {
      const served = await servedOrgIds();
      // An id nobody serves costs Atlas nothing: random ids never reach a budget or a job.
      if (!served.has(pathOrgId)) throw notFound('This organization');
      if (requested && requested.length > 0) {
        const unserved = requested.filter((id) => !served.has(id));
        if (unserved.length > 0) {
          throw new AppError({
            status: 400,
            title: 'Invalid request',
            detail: `Check organizations: ${unserved.length} of them this dashboard does not serve`,
            errors: [
              {
                field: 'organizations',
                message: `names organizations this dashboard does not serve: ${unserved.join(', ')}`,
              },
            ],
          });
        }
        return sortedUnique(requested);
      }
      const visible = viewer.seesAll ? [...served] : await visibleOrgIds(viewer);
      return sortedUnique([pathOrgId, ...visible]);
    },

    async unseen(viewer, ids) {
      const drill = ids.drill ?? [];
      const wantsProjects =
        (ids.projects?.length ?? 0) > 0 || drill.some((s) => s.dimension === 'projects');
      const wantsClusters =
        (ids.clusters?.length ?? 0) > 0 || drill.some((s) => s.dimension === 'clusters');
      if (viewer.seesAll) return { projects: [], clusters: [], firstUnseenStep: -1 };
      const orgIds = await visibleOrgIds(viewer);
      const projectIds = new Set<string>();
      const clusterIds = new Set<string>();
      if (wantsProjects) {
        for (const list of await Promise.all(orgIds.map((id) => pickers.listProjects(id)))) {
          for (const p of list) projectIds.add(p.id);
        }
      }
      if (wantsClusters) {
        const lists = await Promise.all(
          orgIds.map((id) => pickers.listClusters(id, [], { includeDeleted: true })),
        );
        for (const list of lists) for (const c of list) clusterIds.add(c.id);
      }
      const seen = (step: DrillPathStep) => {
        if (step.dimension === 'organizations') return viewer.canSee(step.id);
        if (step.dimension === 'projects') return projectIds.has(step.id);
        if (step.dimension === 'clusters') return clusterIds.has(step.id);
        return true; // services are the same for everybody
      };
      return {
        projects: (ids.projects ?? []).filter((id) => !projectIds.has(id)),
        clusters: (ids.clusters ?? []).filter((id) => !clusterIds.has(id)),
        firstUnseenStep: drill.findIndex((step) => !seen(step)),
      };
    },
  };
}

const sortedUnique = (ids: readonly string[]) => [...new Set(ids)].sort();

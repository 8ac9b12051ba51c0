import { AppError, notFound } from '../errors';
import type { Viewer } from './access';

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
}

/** `servedOrgIds`: every organization the connections serve and their credentials reach. */
export function createOrgScope(servedOrgIds: () => Promise<ReadonlySet<string>>): OrgScope {
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
      const visible = viewer.seesAll
        ? [...served]
        : [...viewer.grantedOrgIds].filter((id) => served.has(id));
      return sortedUnique([pathOrgId, ...visible]);
    },
  };
}

const sortedUnique = (ids: readonly string[]) => [...new Set(ids)].sort();

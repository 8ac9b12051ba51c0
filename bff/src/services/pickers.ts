import type { ClusterSummary, OrgSummary, ProjectSummary } from '../contract';
import { notFound } from '../errors';
import type { AtlasConnections, Connection } from './atlas-connections';
import { TtlCache } from './ttl-cache';
import { fromAtlasError } from './upstream-errors';

/** How many projects' cluster lists are fetched at once (Atlas's Clusters bucket is generous). */
const CLUSTER_FETCH_CONCURRENCY = 8;

export interface PickerService {
  listOrgs(): Promise<OrgSummary[]>;
  listProjects(orgId: string): Promise<ProjectSummary[]>;
  listClusters(
    orgId: string,
    projectIds: string[],
    options?: { includeDeleted?: boolean },
  ): Promise<ClusterSummary[]>;
}

export interface PickerServiceDeps {
  connections: AtlasConnections;
  ttlMs: number;
  /** Retries around each Atlas call, inside which the connection's breaker runs (none by default). */
  retry?: <T>(call: () => Promise<T>) => Promise<T>;
}

/**
 * Org, project and cluster lists for the pickers, cached for a short while. Each organization's
 * lists come through the connection that serves it; the org list is every organization the
 * connections serve (an explicitly configured list is intersected with what the credentials see).
 */
export function createPickerService(deps: PickerServiceDeps): PickerService {
  const retry = deps.retry ?? (<T>(call: () => Promise<T>) => call());
  const upstream = async <T>(connection: Connection, call: () => Promise<T>): Promise<T> => {
    try {
      return await retry(() => connection.breaker.execute(call));
    } catch (err) {
      throw fromAtlasError(err);
    }
  };
  const connectionOf = (orgId: string): Connection => {
    const connection = deps.connections.forOrg(orgId);
    if (!connection) throw notFound('This organization');
    return connection;
  };
  const orgs = new TtlCache<OrgSummary[]>(deps.ttlMs);
  const projects = new TtlCache<ProjectSummary[]>(deps.ttlMs);
  const clusters = new TtlCache<ClusterSummary[]>(deps.ttlMs);

  const listProjects = (orgId: string) => {
    const connection = connectionOf(orgId);
    return projects.get(orgId, async () => {
      const list = await upstream(connection, () => connection.atlas.listProjects(orgId));
      return list.map((p) => ({ id: p.id, name: p.name, orgId: p.orgId })).sort(byName);
    });
  };

  const clustersOf = (connection: Connection, projectId: string) =>
    clusters.get(projectId, async () => {
      const list = await upstream(connection, () => connection.atlas.listClusters(projectId));
      return list.map((c) => ({ id: c.id, name: c.name, projectId })).sort(byName);
    });

  /**
   * Live clusters plus the deleted ones Atlas still lists. Which are deleted is told by the
   * difference of the two lists, not by a state name (Atlas's value for it is unverified).
   */
  const withDeletedOf = (connection: Connection, projectId: string) =>
    clusters.get(`${projectId}:with-deleted`, async () => {
      const [live, all] = await Promise.all([
        clustersOf(connection, projectId),
        upstream(connection, () =>
          connection.atlas.listClusters(projectId, { includeDeleted: true }),
        ),
      ]);
      const liveIds = new Set(live.map((c) => c.id));
      const gone = all
        .filter((c) => !liveIds.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, projectId, deleted: true }));
      return [...live, ...gone].sort(byName);
    });

  const orgsOf = async (connection: Connection): Promise<OrgSummary[]> => {
    const list = await upstream(connection, () => connection.atlas.listOrgs());
    return list
      .filter((o) => !o.isDeleted && (!connection.orgIds || connection.orgIds.has(o.id)))
      .map((o) => ({ id: o.id, name: o.name }));
  };

  return {
    listOrgs: () =>
      orgs.get('all', async () => {
        const lists = await Promise.all(deps.connections.all.map(orgsOf));
        const seen = new Set<string>();
        return lists
          .flat()
          .filter((o) => !seen.has(o.id) && seen.add(o.id))
          .sort(byName);
      }),
    listProjects,
    async listClusters(orgId, projectIds, options = {}) {
      const connection = connectionOf(orgId);
      const inOrg = await listProjects(orgId);
      const wanted =
        projectIds.length === 0 ? inOrg : inOrg.filter((p) => projectIds.includes(p.id));
      const lists = await mapLimit(wanted, CLUSTER_FETCH_CONCURRENCY, (p) =>
        options.includeDeleted ? withDeletedOf(connection, p.id) : clustersOf(connection, p.id),
      );
      return lists.flat().sort(byName);
    },
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

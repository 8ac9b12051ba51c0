import type { AtlasClient } from '../atlas';
import type { ClusterSummary, OrgSummary, ProjectSummary } from '../contract';
import { TtlCache } from './ttl-cache';
import { fromAtlasError } from './upstream-errors';

/** How many projects' cluster lists are fetched at once (Atlas's Clusters bucket is generous). */
const CLUSTER_FETCH_CONCURRENCY = 8;

export interface PickerService {
  listOrgs(): Promise<OrgSummary[]>;
  listProjects(orgId: string): Promise<ProjectSummary[]>;
  listClusters(orgId: string, projectIds: string[]): Promise<ClusterSummary[]>;
}

export interface PickerServiceDeps {
  atlas: AtlasClient;
  ttlMs: number;
  /** Retries and circuit breaker around each Atlas call (none by default, as in unit tests). */
  guard?: <T>(call: () => Promise<T>) => Promise<T>;
}

export function createPickerService(deps: PickerServiceDeps): PickerService {
  const guard = deps.guard ?? (<T>(call: () => Promise<T>) => call());
  const upstream = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await guard(call);
    } catch (err) {
      throw fromAtlasError(err);
    }
  };
  const orgs = new TtlCache<OrgSummary[]>(deps.ttlMs);
  const projects = new TtlCache<ProjectSummary[]>(deps.ttlMs);
  const clusters = new TtlCache<ClusterSummary[]>(deps.ttlMs);

  const listProjects = (orgId: string) =>
    projects.get(orgId, async () => {
      const list = await upstream(() => deps.atlas.listProjects(orgId));
      return list.map((p) => ({ id: p.id, name: p.name, orgId: p.orgId })).sort(byName);
    });

  const clustersOf = (projectId: string) =>
    clusters.get(projectId, async () => {
      const list = await upstream(() => deps.atlas.listClusters(projectId));
      return list.map((c) => ({ id: c.id, name: c.name, projectId })).sort(byName);
    });

  return {
    listOrgs: () =>
      orgs.get('all', async () => {
        const list = await upstream(() => deps.atlas.listOrgs());
        return list
          .filter((o) => !o.isDeleted)
          .map((o) => ({ id: o.id, name: o.name }))
          .sort(byName);
      }),
    listProjects,
    async listClusters(orgId, projectIds) {
      const inOrg = await listProjects(orgId);
      const wanted =
        projectIds.length === 0 ? inOrg : inOrg.filter((p) => projectIds.includes(p.id));
      const lists = await mapLimit(wanted, CLUSTER_FETCH_CONCURRENCY, (p) => clustersOf(p.id));
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

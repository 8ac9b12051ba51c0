import type { ClusterSummary, OrgSummary, ProjectSummary } from '../contract';
import { AppError, notFound } from '../errors';
import type { AtlasConnections, Connection } from './upstream/atlas-connections';
import type { OrgRateLimiter } from './upstream/org-rate-limiter';
import { TtlCache } from './upstream/ttl-cache';
import { fromAtlasError } from './upstream/upstream-errors';

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
  /** How long a failed look-up is answered from memory before Atlas is asked again (0: never). */
  failureTtlMs?: number;
  /**
   * Every list call spends one token of its organization's budget (the org list: of `(orgs)`);
   * when it is spent the request gets 503 with Retry-After instead of an Atlas call.
   */
  budget?: OrgRateLimiter;
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
  const upstream = async <T>(
    connection: Connection,
    budgetKey: string,
    call: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await retry(() => {
        spend(budgetKey);
        return connection.breaker.execute(call);
      });
    } catch (err) {
      throw fromAtlasError(err);
    }
  };
  const spend = (budgetKey: string) => {
    const waitMs = deps.budget?.take(budgetKey) ?? 0;
    if (waitMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError({
        status: 503,
        title: 'Too many list requests',
        detail: `This organization’s lists have used their share of Atlas requests for now. Try again in ${retryAfterSeconds} s.`,
        retryAfterSeconds,
      });
    }
  };
  const connectionOf = (orgId: string): Connection => {
    const connection = deps.connections.forOrg(orgId);
    if (!connection) throw notFound('This organization');
    return connection;
  };
  const cache = <V>() => new TtlCache<V>(deps.ttlMs, Date.now, deps.failureTtlMs ?? 0);
  const orgs = cache<OrgSummary[]>();
  const projects = cache<ProjectSummary[]>();
  const clusters = cache<ClusterSummary[]>();

  const listOrgs = () =>
    orgs.get('all', async () => {
      const lists = await Promise.all(deps.connections.all.map(orgsOf));
      const seen = new Set<string>();
      return lists
        .flat()
        .filter((o) => !seen.has(o.id) && seen.add(o.id))
        .sort(byName);
    });

  /** Only organizations the org list shows are asked about: a random id costs Atlas nothing. */
  const servedConnection = async (orgId: string): Promise<Connection> => {
    const connection = connectionOf(orgId);
    if (!(await listOrgs()).some((o) => o.id === orgId)) throw notFound('This organization');
    return connection;
  };

  const listProjects = async (orgId: string) => {
    const connection = await servedConnection(orgId);
    return projects.get(orgId, async () => {
      const list = await upstream(connection, orgId, () => connection.atlas.listProjects(orgId));
      return list.map((p) => ({ id: p.id, name: p.name, orgId: p.orgId })).sort(byName);
    });
  };

  const clustersOf = (connection: Connection, orgId: string, projectId: string) =>
    clusters.get(projectId, async () => {
      const list = await upstream(connection, orgId, () =>
        connection.atlas.listClusters(projectId),
      );
      return list.map((c) => ({ id: c.id, name: c.name, projectId })).sort(byName);
    });

  /**
   * Live clusters plus the deleted ones Atlas still lists. Which are deleted is told by the
   * difference of the two lists, not by a state name (Atlas's value for it is unverified).
   */
  const withDeletedOf = (connection: Connection, orgId: string, projectId: string) =>
    clusters.get(`${projectId}:with-deleted`, async () => {
      const [live, all] = await Promise.all([
        clustersOf(connection, orgId, projectId),
        upstream(connection, orgId, () =>
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
    const list = await upstream(connection, ORG_LIST_BUDGET, () => connection.atlas.listOrgs());
    return list
      .filter((o) => !o.isDeleted && (!connection.orgIds || connection.orgIds.has(o.id)))
      .map((o) => ({ id: o.id, name: o.name }));
  };

  return {
    listOrgs,
    listProjects,
    async listClusters(orgId, projectIds, options = {}) {
      const connection = await servedConnection(orgId);
      const inOrg = await listProjects(orgId);
      const wanted =
        projectIds.length === 0 ? inOrg : inOrg.filter((p) => projectIds.includes(p.id));
      const lists = await mapLimit(wanted, CLUSTER_FETCH_CONCURRENCY, (p) =>
        options.includeDeleted
          ? withDeletedOf(connection, orgId, p.id)
          : clustersOf(connection, orgId, p.id),
      );
      return lists.flat().sort(byName);
    },
  };
}

/** The org list is asked of Atlas per credential, not per organization: one budget of its own. */
const ORG_LIST_BUDGET = '(orgs)';

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

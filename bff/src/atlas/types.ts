import type { AtlasCredentials } from '../config';
import type {
  AtlasCluster,
  AtlasCostExplorerFilter,
  AtlasOrg,
  AtlasProject,
  AtlasUsageDetail,
} from './schemas';
import type { WireLog } from './wire-log';

export interface AtlasLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface AtlasResponseMeta {
  rateLimitLimit?: number;
  rateLimitRemaining?: number;
  status: number;
}

export interface AtlasClientOptions {
  /** ATLAS_BASE_URL, e.g. https://cloud.mongodb.com (a path prefix is kept). */
  baseUrl: string;
  credentials: AtlasCredentials;
  /** Budget of every single HTTP call (connect until the final response), token calls too. */
  timeoutMs: number;
  /** After an interim 102, wait this long for a final response; then report "processing". */
  processingGraceMs: number;
  userAgent?: string;
  /** Never receives secrets, tokens or headers. */
  logger?: AtlasLogger;
  /** Clock for token expiry and Retry-After dates. */
  now?: () => number;
  onResponseMeta?: (meta: AtlasResponseMeta) => void;
  /** The wire recorder (ATLAS_WIRE_LOG, `pnpm atlas:probe`): sees every exchange, raw. */
  wireLog?: WireLog;
}

export type AtlasUsageResult =
  | { status: 'processing' }
  | {
      status: 'done';
      usageDetails: AtlasUsageDetail[];
      /** Rows dropped because they had no usable amount or month (also logged as a warning). */
      droppedRows: number;
    };

export interface AtlasCallOptions {
  signal?: AbortSignal;
}

export interface UsageCallOptions extends AtlasCallOptions {
  /** Adds `?envelope=true`: Atlas then wraps the answer as `{status, content}` (the probe asks). */
  envelope?: boolean;
}

export interface AtlasClient {
  createUsageQuery(
    orgId: string,
    filter: AtlasCostExplorerFilter,
    opts?: UsageCallOptions,
  ): Promise<{ token: string }>;
  getUsageQuery(orgId: string, token: string, opts?: UsageCallOptions): Promise<AtlasUsageResult>;
  /** All organizations the credential can see (every page). */
  listOrgs(opts?: AtlasCallOptions): Promise<AtlasOrg[]>;
  /** GET /api/atlas/v2/orgs/{orgId}/groups, every page. */
  listProjects(orgId: string, opts?: AtlasCallOptions): Promise<AtlasProject[]>;
  /** GET /api/atlas/v2/groups/{groupId}/clusters, every page. */
  listClusters(
    projectId: string,
    opts?: AtlasCallOptions & { includeDeleted?: boolean },
  ): Promise<AtlasCluster[]>;
}

import type { SimulatorProfileName } from './profiles';

/**
 * Public types of the Atlas simulator. Other packages (the BFF's Atlas client tests, the e2e
 * suite) code against these names, so change them only together with their users.
 */

export type ProcessingMode =
  'final-102-close' | 'final-102-hold' | 'interim-102-then-200' | 'envelope' | 'status-body';

export const PROCESSING_MODES: readonly ProcessingMode[] = [
  'final-102-close',
  'final-102-hold',
  'interim-102-then-200',
  'envelope',
  'status-body',
];

export type FaultRoute =
  'oauthToken' | 'createUsage' | 'getUsage' | 'listOrgs' | 'listProjects' | 'listClusters' | 'any';

export const FAULT_ROUTES: readonly FaultRoute[] = [
  'oauthToken',
  'createUsage',
  'getUsage',
  'listOrgs',
  'listProjects',
  'listClusters',
  'any',
];

export type FaultAction =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'reset-mid-body' }
  | { kind: 'malformed-json' }
  | { kind: 'redirect'; location: string; status?: number };

export interface FaultRule {
  route: FaultRoute;
  action: FaultAction;
  /** How many matching requests the rule answers; default 1. */
  times?: number | 'always';
  /** Only requests about this organization (for listClusters: the project's organization). */
  orgId?: string;
}

/** A concrete route; 'any' exists only in fault rules. */
export type SimRoute = Exclude<FaultRoute, 'any'> | 'unknown';

export interface RequestLogEntry {
  seq: number;
  time: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  route: FaultRoute | 'unknown';
  orgId?: string;
  status?: number;
}

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  publicKey: string;
  privateKey: string;
}

/**
 * Atlas's token bucket: `capacity` tokens, refilled at `refillPerMinute`. With the default fixed
 * refill the tokens arrive in steps every `refillIntervalMs` (default 60 000, as Atlas documents);
 * tests use a few hundred milliseconds on the simulator's clock.
 */
export interface SimRateLimit {
  capacity: number;
  refillPerMinute: number;
  refillIntervalMs?: number;
}

export interface SimulatorOptions {
  credentials?: Partial<SimCredentials>;
  /** Answers to the questions the spec leaves open (profiles.ts); default `default`. */
  profile?: SimulatorProfileName;
  processingMs?: number;
  /** Overrides the profile's processing form. */
  processingMode?: ProcessingMode;
  scale?: number;
  /** How many months back usage is served (Atlas: 18); older start dates are refused. */
  retentionMonths?: number;
  seed?: number;
  now?: () => Date;
  rateLimit?: SimRateLimit | false;
  tokenTtlSeconds?: number;
}

export interface SimOrg {
  id: string;
  name: string;
  /** Set on linked organizations: the organization that pays for them (cross-org billing). */
  payingOrgId?: string;
  /** Set on the paying organization. */
  linkedOrgIds: string[];
}

export interface SimProject {
  id: string;
  name: string;
  orgId: string;
  created: string;
}

export type CloudProvider = 'AWS' | 'AZURE' | 'GCP';

export interface SimCluster {
  id: string;
  name: string;
  projectId: string;
  orgId: string;
  provider: CloudProvider;
  regionName: string;
  instanceSizeName: string;
  clusterType: 'REPLICASET' | 'SHARDED';
  numShards: number;
  mongoDBVersion: string;
  backupEnabled: boolean;
  paused: boolean;
  stateName: 'IDLE' | 'UPDATING';
  createDate: string;
  /** Present on deleted clusters: they keep their cost history but leave the clusters list. */
  deleteDate?: string;
  deleted: boolean;
}

export interface SimDataset {
  seed: number;
  scale: number;
  /** The current month when the simulator was created; history reaches 23 months before it. */
  anchorMonth: string;
  firstMonth: string;
  payingOrgId: string;
  linkedOrgIds: string[];
  orgs: SimOrg[];
  projects: SimProject[];
  clusters: SimCluster[];
}

export interface Simulator {
  listen(port?: number, host?: string): Promise<string>;
  readonly url: string;
  close(): Promise<void>;
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
  faults: { add(rule: FaultRule): void; clear(): void };
  setProcessingMode(mode: ProcessingMode): void;
  setProcessingMs(ms: number): void;
  /** Switches every answer to the profile's, the processing form included. */
  setProfile(name: SimulatorProfileName): void;
  readonly profile: SimulatorProfileName;
  readonly dataset: SimDataset;
}

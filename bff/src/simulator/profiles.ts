import type { ProcessingMode } from './types';

/**
 * Simulator profiles: named answers to what the spec leaves open and nobody has captured from
 * live Atlas yet (docs/atlas-wire.md, research §2, §4, §9). `default` is our best reading; each
 * other profile disagrees on one point, `all-unknowns` on all of them at once, so a client that
 * passes every profile does not depend on our guesses.
 */
export interface SimulatorProfile {
  /** Row keys for a project (Atlas's invoices call projects groups) and a cluster's id. */
  rowKeys: { project: 'projectId' | 'groupId'; cluster: 'clusterUniqueId' | 'clusterId' };
  /** Cluster-grouped rows split per service and carry `service` (the spec's CSV has no Service). */
  serviceOnClusterRows: boolean;
  /** How a poll answers while the query runs (cost-explorer/processing.ts). */
  processingMode: ProcessingMode;
  /** The body of the `status-body` processing form, and its HTTP status. */
  statusBody: { httpStatus: 200 | 202; status: 'PROCESSING' | 'IN_PROGRESS' | 'PENDING' };
  /** Atlas's docs: tokens come back "at fixed intervals"; `continuous` trickles them in. */
  refill: 'fixed' | 'continuous';
  /** `strict`: 400 for a start older than 18 months; `lenient`: answers, no rows before the data. */
  window: 'strict' | 'lenient';
  /** Charges without an organization or without a service (partial matches for every filter). */
  orphanCharges: boolean;
}

const DEFAULT: SimulatorProfile = {
  rowKeys: { project: 'projectId', cluster: 'clusterUniqueId' },
  serviceOnClusterRows: false,
  processingMode: 'final-102-close',
  statusBody: { httpStatus: 202, status: 'PROCESSING' },
  refill: 'fixed',
  window: 'strict',
  orphanCharges: false,
};

const profiles = {
  default: DEFAULT,
  'group-id-keys': {
    ...DEFAULT,
    rowKeys: { project: 'groupId', cluster: 'clusterId' },
  },
  'service-on-clusters': { ...DEFAULT, serviceOnClusterRows: true },
  'status-body': { ...DEFAULT, processingMode: 'status-body' },
  'continuous-refill': { ...DEFAULT, refill: 'continuous' },
  'lenient-window': { ...DEFAULT, window: 'lenient' },
  'orphan-charges': { ...DEFAULT, orphanCharges: true },
  'all-unknowns': {
    rowKeys: { project: 'groupId', cluster: 'clusterId' },
    serviceOnClusterRows: true,
    processingMode: 'status-body',
    statusBody: { httpStatus: 200, status: 'IN_PROGRESS' },
    refill: 'continuous',
    window: 'lenient',
    orphanCharges: true,
  },
} satisfies Record<string, SimulatorProfile>;

export type SimulatorProfileName = keyof typeof profiles;

/** Every profile name, `default` first: tests iterate this list. */
export const SIMULATOR_PROFILES = Object.keys(profiles) as readonly SimulatorProfileName[];

export const isSimulatorProfileName = (name: unknown): name is SimulatorProfileName =>
  typeof name === 'string' && Object.hasOwn(profiles, name);

export function simulatorProfile(name: SimulatorProfileName): SimulatorProfile {
  return profiles[name];
}

import type { AtlasService } from '../../contract/services';
import type { CloudProvider } from '../types';

/**
 * Price list and vocabulary of the demo dataset. Monthly list prices in cents for a 3-node
 * replica set, close to Atlas's public on-demand rates (M10 ≈ $57, M30 ≈ $389) so the demo looks
 * plausible; they are not a quote.
 */
export const TIER_MONTHLY_CENTS: Readonly<Record<string, number>> = {
  M10: 5_694,
  M20: 14_600,
  M30: 38_900,
  M40: 75_920,
  M50: 146_000,
  M60: 288_350,
  M80: 532_900,
  M200: 1_065_070,
};

/** Small tiers dominate real fleets. */
export const TIER_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['M10', 30],
  ['M20', 20],
  ['M30', 20],
  ['M40', 12],
  ['M50', 8],
  ['M60', 6],
  ['M80', 3],
  ['M200', 1],
];

export const PROVIDER_WEIGHTS: ReadonlyArray<readonly [CloudProvider, number]> = [
  ['AWS', 6],
  ['GCP', 2],
  ['AZURE', 2],
];

/** Region names valid for each provider in the spec's enums, with a short tag for cluster names. */
export const REGIONS: Readonly<Record<CloudProvider, ReadonlyArray<readonly [string, string]>>> = {
  AWS: [
    ['US_EAST_1', 'us'],
    ['US_WEST_2', 'usw'],
    ['EU_WEST_1', 'eu'],
    ['EU_CENTRAL_1', 'euc'],
    ['AP_SOUTHEAST_1', 'ap'],
  ],
  GCP: [
    ['CENTRAL_US', 'us'],
    ['WESTERN_EUROPE', 'eu'],
    ['EUROPE_WEST_2', 'uk'],
  ],
  AZURE: [
    ['US_EAST_2', 'us'],
    ['EUROPE_WEST', 'eu'],
    ['UK_SOUTH', 'uk'],
  ],
};

export const MONGODB_VERSIONS = ['6.0.20', '7.0.16', '8.0.4'] as const;

export const APP_NAMES = [
  'payments',
  'orders',
  'checkout',
  'search',
  'catalog',
  'identity',
  'analytics',
  'inventory',
  'shipping',
  'billing',
  'notifications',
  'reporting',
  'loyalty',
  'pricing',
  'recommendations',
  'fraud',
  'ledger',
  'marketing',
  'support-portal',
  'mobile-api',
] as const;

export const ENVIRONMENTS = ['prod', 'staging', 'dev', 'qa'] as const;

export const CLUSTER_ROLES = [
  'orders',
  'users',
  'events',
  'sessions',
  'catalog',
  'ledger',
  'search',
  'cache',
  'audit',
  'metrics',
] as const;

/** Services charged per cluster, per project, or to the whole organization (no project). */
export const CLUSTER_SERVICES = [
  'Clusters',
  'Storage',
  'Backup',
  'Data Transfer',
  'BI Connector',
  'DSC Compute',
  'DSC Storage',
  'Legacy Backup',
] as const satisfies readonly AtlasService[];

export interface ProjectServicePlan {
  service: AtlasService;
  /** Share of projects that use it. */
  share: number;
  minCents: number;
  maxCents: number;
}

export const PROJECT_SERVICES: readonly ProjectServicePlan[] = [
  { service: 'App Services', share: 0.35, minCents: 500, maxCents: 30_000 },
  { service: 'Charts', share: 0.2, minCents: 100, maxCents: 6_000 },
  { service: 'Atlas Data Federation', share: 0.15, minCents: 2_000, maxCents: 40_000 },
  { service: 'Atlas Stream Processing', share: 0.1, minCents: 10_000, maxCents: 90_000 },
  { service: 'Serverless Instances', share: 0.15, minCents: 500, maxCents: 15_000 },
  { service: 'Atlas', share: 0.1, minCents: 100, maxCents: 5_000 },
  { service: 'AI Model APIs', share: 0.08, minCents: 1_000, maxCents: 25_000 },
  { service: 'Automated Embedding', share: 0.06, minCents: 500, maxCents: 8_000 },
  { service: 'Native Reranking', share: 0.04, minCents: 300, maxCents: 4_000 },
  { service: 'Cloud Manager', share: 0.03, minCents: 3_900, maxCents: 3_900 },
  { service: 'Cloud Manager Standard/Premium', share: 0.03, minCents: 5_000, maxCents: 20_000 },
];

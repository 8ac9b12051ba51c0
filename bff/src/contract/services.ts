import { z } from 'zod';

/**
 * Atlas's Cost Explorer `services` enum, in spec order (spec revision 2026-08-21, 23 values).
 * The enum grows often (18 → 23 in 2026), so results are never rejected for an unknown
 * service; only the filter we *send* is limited to known values.
 */
export const ATLAS_SERVICES = [
  'Atlas',
  'Clusters',
  'Storage',
  'Serverless Instances',
  'Backup',
  'Data Transfer',
  'BI Connector',
  'DSC Compute',
  'DSC Storage',
  'Premium Features',
  'Atlas Data Federation',
  'Atlas Stream Processing',
  'App Services',
  'Charts',
  'Cloud Manager',
  'Cloud Manager Standard/Premium',
  'Legacy Backup',
  'AI Model APIs',
  'Automated Embedding',
  'Native Reranking',
  'Flex Consulting',
  'Support',
  'Credits',
] as const;

export const serviceSchema = z.enum(ATLAS_SERVICES, {
  error: 'is not a service Atlas knows',
});
export type AtlasService = z.infer<typeof serviceSchema>;

/**
 * Migration 4: results kept by month, and jobs asked of Atlas in parts.
 *
 * A finished result is also stored as one slice per month, keyed by everything its Atlas body
 * asks but the dates (`slice_key`), so any range is composed from months already known and
 * Atlas is asked only for the rest. Closed months are kept (their `expires_at` is far in the
 * future) and stay queryable after Atlas drops them. `cost_query_jobs.part` is the part of a
 * job's plan being asked now (missing ranges × groups of ids that fit in one Atlas query).
 * `organizations` (the sorted ids the slice's question covers, comma-separated) is also in the
 * key's hash; it is kept in the clear so a viewer is told only of months of organizations they
 * may see.
 */
import type { Migration } from './migrations';
import type { SchemaTypes } from './schema-types';

export const slicesMigration = (t: SchemaTypes): Migration => ({
  id: 4,
  name: 'month slices and parts of jobs',
  sql: `
    ALTER TABLE cost_query_jobs ADD COLUMN part INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE cost_query_slices (
      slice_key TEXT NOT NULL,
      month TEXT NOT NULL,
      org_id TEXT NOT NULL,
      organizations TEXT NOT NULL,
      payload TEXT NOT NULL,
      fetched_at ${t.epochMs} NOT NULL,
      expires_at ${t.epochMs} NOT NULL,
      PRIMARY KEY (slice_key, month)
    )${t.strict};
    CREATE INDEX cost_query_slices_expiry ON cost_query_slices (expires_at);
    CREATE INDEX cost_query_slices_month ON cost_query_slices (org_id, month);
  `,
});

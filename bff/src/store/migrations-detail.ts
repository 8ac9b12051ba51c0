/**
 * Migration 7: a finished result's usage rows apart from what the page draws first (decision
 * 017). `payload` keeps the browser's summary (cents per group and month) and totals, read by
 * every poll; `detail` the rows in columns, read only by `GET …/cost-queries/:id/rows`. NULL for
 * results stored before: their payload still holds the rows (`usageDetails`), and the service
 * derives both from it when such a result is read.
 */
import type { Migration } from './migrations';
import type { SchemaTypes } from './schema-types';

export const detailMigration = (_t: SchemaTypes): Migration => ({
  id: 7,
  name: 'result detail apart from its summary',
  sql: `
  ALTER TABLE cost_query_results ADD COLUMN detail TEXT;
`,
});

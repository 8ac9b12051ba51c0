/**
 * Migration 5: one Atlas budget per organization, shared by every replica (decision 015).
 * A row is a token bucket written as the time it is full again (`full_at`, epoch ms): the
 * integer form of tokens + updated_at, so taking a call is one conditional UPDATE.
 * `paused_until` holds every replica back after an Atlas 429. A missing row is a full bucket.
 */
import type { Migration } from './migrations';
import type { SchemaTypes } from './schema-types';

export const budgetsMigration = (t: SchemaTypes): Migration => ({
  id: 5,
  name: 'shared Atlas budget per organization',
  sql: `
  CREATE TABLE atlas_budgets (
    org_id TEXT PRIMARY KEY,
    full_at ${t.epochMs} NOT NULL,
    paused_until ${t.epochMs} NOT NULL
  )${t.strict};
`,
});

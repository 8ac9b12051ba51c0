/**
 * Migration 6: who opened which preset when (`preset_opens`), so presets opened lately are
 * refreshed before anyone asks (services/preset-warmer.ts), and which warming runs a replica
 * has claimed (`warm_runs`: the first replica to insert a run's key does it, the others skip).
 * An open keeps the viewer's id and groups, never their grants: the warmer asks as that viewer
 * under the access rules in force when it runs.
 */
import type { Migration } from './migrations';
import type { SchemaTypes } from './schema-types';

export const warmingMigration = (t: SchemaTypes): Migration => ({
  id: 6,
  name: 'preset opens and warming runs',
  sql: `
  CREATE TABLE preset_opens (
    preset_id TEXT NOT NULL REFERENCES presets (id) ON DELETE CASCADE,
    viewer_id TEXT NOT NULL,
    viewer_groups ${t.json('viewer_groups')},
    opened_at ${t.epochMs} NOT NULL,
    PRIMARY KEY (preset_id, viewer_id)
  )${t.strict};
  CREATE INDEX preset_opens_recent ON preset_opens (opened_at);

  CREATE TABLE warm_runs (
    run_key TEXT PRIMARY KEY,
    claimed_by TEXT NOT NULL,
    claimed_at ${t.epochMs} NOT NULL
  )${t.strict};
`,
});

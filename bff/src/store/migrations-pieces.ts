/**
 * Migration 8: long texts stored in pieces (decision 018, "Texts in pieces"). A million-row
 * result's rows in columns are ~55 MB of JSON and each month's slice ~13 MB; bound as one value,
 * the drivers and the database copy such a text three or four times while writing it, and read
 * it back as one string. A text written since is a sequence of pieces of at most ~512 KB in
 * `text_pieces`, under an id of its own (`detail_text`, `payload_text`) with their number beside
 * it (`detail_pieces`, `payload_pieces`): written in the same transaction as the row naming it,
 * deleted with it. A slice written again gets a new text id, so a reader never mixes the pieces
 * of two versions. Rows stored before keep their text in `detail`/`payload` and read as before.
 */
import type { Migration } from './migrations';
import type { SchemaTypes } from './schema-types';

export const piecesMigration = (t: SchemaTypes): Migration => ({
  id: 8,
  name: 'long texts in pieces',
  sql: `
  CREATE TABLE text_pieces (
    text_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    piece TEXT NOT NULL,
    PRIMARY KEY (text_id, seq)
  )${t.strict};
  ALTER TABLE cost_query_results ADD COLUMN detail_text TEXT;
  ALTER TABLE cost_query_results ADD COLUMN detail_pieces INTEGER;
  ALTER TABLE cost_query_slices ADD COLUMN payload_text TEXT;
  ALTER TABLE cost_query_slices ADD COLUMN payload_pieces INTEGER;
`,
});

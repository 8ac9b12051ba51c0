import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoredText } from './job-types';
import type { StoreSchema } from './schema';

/**
 * Long texts in pieces (migration 8): written and read a few pieces per statement, so neither
 * driver ever binds or returns more than ~0.5 MB at once. The caller writes the row that names
 * the text in the same transaction, so a text is either whole or absent.
 */

/** Pieces per INSERT and per SELECT (pieces are ≤ 64 KB: text-buffer.ts). */
const WRITE_BATCH = 8;
const READ_BATCH = 8;
/** Text ids per DELETE: well under both databases' bound-parameter limits. */
const DELETE_BATCH = 500;

export const newTextId = () => randomUUID();

/** Whether a text to store comes in pieces (else it is one string, stored in its row). */
export const inPieces = (text: StoredText): text is { pieces: Iterable<string> } =>
  typeof text !== 'string';

/** Writes the pieces under `textId`; how many there were. */
export async function writePieces(
  db: Kysely<StoreSchema>,
  textId: string,
  pieces: Iterable<string>,
): Promise<number> {
  let seq = 0;
  let batch: Array<{ text_id: string; seq: number; piece: string }> = [];
  const flush = async () => {
    if (batch.length > 0) await db.insertInto('text_pieces').values(batch).execute();
    batch = [];
  };
  for (const piece of pieces) {
    batch.push({ text_id: textId, seq, piece });
    seq += 1;
    if (batch.length === WRITE_BATCH) await flush();
  }
  await flush();
  return seq;
}

/** A text's pieces in order; throws when one is missing (the text was deleted meanwhile). */
export async function* readPieces(
  db: Kysely<StoreSchema>,
  textId: string,
  count: number,
): AsyncGenerator<string> {
  for (let from = 0; from < count; from += READ_BATCH) {
    const to = Math.min(from + READ_BATCH, count);
    const rows = await db
      .selectFrom('text_pieces')
      .select(['seq', 'piece'])
      .where('text_id', '=', textId)
      .where('seq', '>=', from)
      .where('seq', '<', to)
      .orderBy('seq')
      .execute();
    if (rows.length !== to - from) throw new MissingPiecesError(textId);
    for (const row of rows) yield row.piece;
  }
}

/** The whole text as one string (a kept month's slice, which is parsed whole anyway). */
export async function readText(
  db: Kysely<StoreSchema>,
  textId: string,
  count: number,
): Promise<string> {
  const pieces: string[] = [];
  for await (const piece of readPieces(db, textId, count)) pieces.push(piece);
  return pieces.join('');
}

export class MissingPiecesError extends Error {
  constructor(textId: string) {
    super(`stored text ${textId} is incomplete: it was deleted while it was read`);
  }
}

/** Deletes the pieces of these texts (null entries: rows whose text was in the row itself). */
export async function deletePieces(
  db: Kysely<StoreSchema>,
  textIds: ReadonlyArray<string | null>,
): Promise<void> {
  const ids = textIds.filter((id): id is string => id !== null);
  for (let i = 0; i < ids.length; i += DELETE_BATCH) {
    await db
      .deleteFrom('text_pieces')
      .where('text_id', 'in', ids.slice(i, i + DELETE_BATCH))
      .execute();
  }
}

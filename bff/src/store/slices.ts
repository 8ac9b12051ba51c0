import type { DeleteQueryBuilder, DeleteResult, Kysely } from 'kysely';
import { monthEndMs } from '../contract/months';
import type { DialectFragments } from './dialect';
import type { NewSliceRecord, SliceRecord, SliceRepository } from './job-types';
import type { StoreSchema } from './schema';
import {
  deletePieces,
  inPieces,
  MissingPiecesError,
  newTextId,
  readText,
  writePieces,
} from './text-pieces';

/**
 * Month slices of results. Payloads are TEXT in both dialects, written and read whole; one given
 * in pieces is stored in pieces (text-pieces.ts) under a new text id each time the month is
 * written, in the transaction that writes its row, and the pieces it replaces go in the same one.
 */
export function createSliceRepository(
  db: Kysely<StoreSchema>,
  dialect: DialectFragments,
): SliceRepository {
  /** Which of `months` have a slice for the key (unexpired at `now`, when given): no payloads. */
  const monthsOf = async (sliceKey: string, months: readonly string[], now?: number) => {
    if (months.length === 0) return [];
    let query = db
      .selectFrom('cost_query_slices')
      .select(['month', 'fetched_at'])
      .where('slice_key', '=', sliceKey)
      .where('month', 'in', [...months]);
    if (now !== undefined) query = query.where('expires_at', '>', now);
    const rows = await query.execute();
    return rows.map((r) => ({ month: r.month, fetchedAt: r.fetched_at }));
  };
  return {
    async upsert(slices) {
      for (const s of slices) await upsertOne(db, dialect, s);
    },
    findFresh: (sliceKey, months, now) => monthsOf(sliceKey, months, now),
    async get(sliceKey, months) {
      if (months.length === 0) return [];
      const rows = await db
        .selectFrom('cost_query_slices')
        .selectAll()
        .where('slice_key', '=', sliceKey)
        .where('month', 'in', [...months])
        .execute();
      const slices: SliceRecord[] = [];
      for (const r of rows) {
        let payload = r.payload;
        if (r.payload_text !== null) {
          try {
            payload = await readText(db, r.payload_text, r.payload_pieces ?? 0);
          } catch (err) {
            // Written again while it was read: its old pieces are gone. Left out, as if gone.
            if (err instanceof MissingPiecesError) continue;
            throw err;
          }
        }
        slices.push({
          sliceKey: r.slice_key,
          month: r.month,
          orgId: r.org_id,
          organizations: r.organizations === '' ? [] : r.organizations.split(','),
          payload,
          fetchedAt: r.fetched_at,
          expiresAt: r.expires_at,
        });
      }
      return slices;
    },
    findKept: (sliceKey, months) => monthsOf(sliceKey, months),
    async oldestKept(orgId) {
      // Per list and month, the newest fetch: a month counts once it was fetched after it closed.
      const rows = await db
        .selectFrom('cost_query_slices')
        .select((eb) => ['organizations', 'month', eb.fn.max('fetched_at').as('fetched_at')])
        .where('org_id', '=', orgId)
        .groupBy(['organizations', 'month'])
        .execute();
      const oldest = new Map<string, string>();
      for (const r of rows) {
        if (Number(r.fetched_at) < monthEndMs(r.month)) continue;
        const known = oldest.get(r.organizations);
        if (known === undefined || r.month < known) oldest.set(r.organizations, r.month);
      }
      return [...oldest].map(([organizations, month]) => ({
        organizations: organizations === '' ? [] : organizations.split(','),
        month,
      }));
    },
    deleteExpired: (time, fromMonth) =>
      deleteWithPieces(db, (tx) =>
        tx
          .deleteFrom('cost_query_slices')
          .where('expires_at', '<', time)
          .where('month', '>=', fromMonth),
      ),
    deleteMonthsBefore: (month, orgId) =>
      deleteWithPieces(db, (tx) => {
        let query = tx.deleteFrom('cost_query_slices').where('month', '<', month);
        if (orgId !== undefined) query = query.where('org_id', '=', orgId);
        return query;
      }),
  };
}

/**
 * One slice, in one transaction that holds the month's key: the row (its payload in it, or its
 * pieces under a new text id) unless a later fetch is stored, and the pieces it replaces deleted.
 */
async function upsertOne(
  db: Kysely<StoreSchema>,
  dialect: DialectFragments,
  s: NewSliceRecord,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await dialect.lockKey(tx, `slice ${s.sliceKey} ${s.month}`);
    const old = await tx
      .selectFrom('cost_query_slices')
      .select(['fetched_at', 'payload_text'])
      .where('slice_key', '=', s.sliceKey)
      .where('month', '=', s.month)
      .executeTakeFirst();
    // An answer that finished earlier never overwrites a later one (its pieces are not made).
    if (old && Number(old.fetched_at) > s.fetchedAt) return;
    const textId = inPieces(s.payload) ? newTextId() : null;
    const text = inPieces(s.payload)
      ? {
          payload: '',
          payload_text: textId,
          payload_pieces: await writePieces(tx, textId!, s.payload.pieces),
        }
      : { payload: s.payload, payload_text: null, payload_pieces: null };
    await tx
      .insertInto('cost_query_slices')
      .values({
        slice_key: s.sliceKey,
        month: s.month,
        org_id: s.orgId,
        organizations: [...s.organizations].sort().join(','),
        ...text,
        fetched_at: s.fetchedAt,
        expires_at: s.expiresAt,
      })
      .onConflict((oc) =>
        oc.columns(['slice_key', 'month']).doUpdateSet((eb) => ({
          payload: eb.ref('excluded.payload'),
          payload_text: eb.ref('excluded.payload_text'),
          payload_pieces: eb.ref('excluded.payload_pieces'),
          org_id: eb.ref('excluded.org_id'),
          organizations: eb.ref('excluded.organizations'),
          fetched_at: eb.ref('excluded.fetched_at'),
          expires_at: eb.ref('excluded.expires_at'),
        })),
      )
      .execute();
    if (old) await deletePieces(tx, [old.payload_text]);
  });
}

/** Deletes the slices `remove` names, and their pieces, in one transaction; how many. */
async function deleteWithPieces(
  db: Kysely<StoreSchema>,
  remove: (
    tx: Kysely<StoreSchema>,
  ) => DeleteQueryBuilder<StoreSchema, 'cost_query_slices', DeleteResult>,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const deleted = await remove(tx).returning('payload_text').execute();
    await deletePieces(
      tx,
      deleted.map((r) => r.payload_text),
    );
    return deleted.length;
  });
}

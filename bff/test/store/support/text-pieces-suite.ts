import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/types';
import { storePerSuite } from './each-database';

/**
 * Long texts in pieces (migration 8) in every store: a result's rows and a month's slice given
 * in pieces read back as the same text, written only when their row is, and gone with it.
 */
export function describeTextPieces(open: () => Promise<Store>): void {
  const store = storePerSuite(open);
  const id = () => randomBytes(12).toString('hex');
  // Pieces with characters of every width, a surrogate pair whole in one piece.
  const PIECES = ['{"rows":[', '"Zürich",', '"東京",', '"😀"', ',"x"'.repeat(1000), ']}'];

  /** The pieces, noting whether anyone asked for them. */
  const counted = (pieces: readonly string[]) => {
    const made = { count: 0 };
    function* each() {
      for (const piece of pieces) {
        made.count += 1;
        yield piece;
      }
    }
    return { pieces: each(), made };
  };
  const join = async (pieces: AsyncIterable<string> | Iterable<string> | null | undefined) => {
    const parts: string[] = [];
    for await (const piece of pieces ?? []) parts.push(piece);
    return parts.join('');
  };
  const result = (resultId: string) => ({
    id: resultId,
    orgId: 'o',
    queryKey: 'k',
    payload: '{}',
    fetchedAt: 10,
    expiresAt: 20,
  });

  describe('texts in pieces', () => {
    it('read a result’s rows back as the text its pieces make, kept once written', async () => {
      const resultId = id();
      const first = counted(PIECES);
      await store().results.insert({ ...result(resultId), detail: { pieces: first.pieces } });
      const again = counted(['{"other":true}']);
      await store().results.insert({ ...result(resultId), detail: { pieces: again.pieces } });
      expect(first.made.count).toBe(PIECES.length);
      expect(again.made.count).toBe(0);
      expect(await join((await store().results.getDetail(resultId))?.detail)).toBe(PIECES.join(''));
    });

    it('read a result stored whole as one piece, and one without rows as none', async () => {
      const whole = id();
      await store().results.insert({ ...result(whole), detail: '{"rowCount":0}' });
      expect(await join((await store().results.getDetail(whole))?.detail)).toBe('{"rowCount":0}');
      const legacy = id();
      await store().results.insert(result(legacy));
      expect(await store().results.getDetail(legacy)).toEqual({ detail: null });
      expect(await store().results.getDetail(id())).toBeUndefined();
    });

    it('go with their result: a reader still holding them is told they are incomplete', async () => {
      const resultId = id();
      await store().results.insert({ ...result(resultId), detail: { pieces: PIECES } });
      const stored = await store().results.getDetail(resultId);
      await store().results.deleteExpiredUnreferenced(100);
      expect(await store().results.get(resultId)).toBeUndefined();
      await expect(join(stored?.detail)).rejects.toThrow(/incomplete/);
    });

    it('make a month’s slice that replaces an older one, and never one a newer keeps', async () => {
      const sliceKey = id();
      const slice = (fetchedAt: number, pieces: Iterable<string>) => ({
        sliceKey,
        month: '2025-01-01',
        orgId: 'o',
        organizations: ['o'],
        payload: { pieces },
        fetchedAt,
        expiresAt: Number.MAX_SAFE_INTEGER,
      });
      await store().slices.upsert([slice(1, ['[{"n":', '1}]'])]);
      await store().slices.upsert([slice(3, PIECES)]);
      const older = counted(['[]']);
      await store().slices.upsert([slice(2, older.pieces)]);
      expect(older.made.count).toBe(0);
      const [kept] = await store().slices.get(sliceKey, ['2025-01-01']);
      expect(kept).toMatchObject({ payload: PIECES.join(''), fetchedAt: 3 });
      // Written whole again: read whole.
      await store().slices.upsert([{ ...slice(4, []), payload: '[{"n":4}]' }]);
      expect((await store().slices.get(sliceKey, ['2025-01-01']))[0]?.payload).toBe('[{"n":4}]');
      expect(await store().slices.deleteMonthsBefore('2025-02-01', 'o')).toBeGreaterThanOrEqual(1);
      expect(await store().slices.get(sliceKey, ['2025-01-01'])).toEqual([]);
    });
  });
}

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isWriteConflict, type PresetRecord, type Store } from '../../../src/store/types';
import { storePerSuite } from './each-database';

/**
 * One contract for every store implementation: each dialect's test file calls this with a way
 * to open a fresh store, so SQLite and PostgreSQL are held to exactly the same behaviour.
 */
export function describePresetRepository(open: () => Promise<Store>): void {
  const store = storePerSuite(open);

  const newId = () => randomBytes(16).toString('base64url');
  const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
  const insert = async (owner = 'alice', params: unknown = { name: 'n' }, createdAt = at(0)) => {
    const saved = await store().presets.insert(
      { id: newId(), owner, schemaVersion: 2, params, createdAt },
      1_000,
    );
    if (saved === 'limit') throw new Error('unexpected: the per-owner limit');
    return saved;
  };

  describe('preset repository', () => {
    it('stores a new preset at version 1 and reads it back whole', async () => {
      const params = { name: 'Q1', nested: { list: [1, 2], text: 'é ✓ "quoted"' } };
      const created = await insert('alice', params, at(5));
      expect(created).toMatchObject({ owner: 'alice', schemaVersion: 2, version: 1 });
      expect(created.createdAt).toBe(at(5));
      expect(created.updatedAt).toBe(at(5));
      expect(await store().presets.get(created.id)).toEqual(created);
      expect(created.params).toEqual(params);
    });

    it('answers undefined for an id it never stored', async () => {
      expect(await store().presets.get(newId())).toBeUndefined();
    });

    it('lists only the owner’s presets, most recently updated first', async () => {
      const owner = `owner-${newId()}`;
      const older = await insert(owner, { name: 'older' }, at(1));
      const newer = await insert(owner, { name: 'newer' }, at(2));
      await insert(`someone-else-${newId()}`);
      await store().presets.update(older.id, owner, 1, {
        schemaVersion: 2,
        params: { name: 'older, edited' },
        updatedAt: at(3),
      });
      const listed = await store().presets.list(owner, { limit: 100 });
      expect(listed.map((p) => p.id)).toEqual([older.id, newer.id]);
    });

    it('pages through an owner’s presets without skipping or repeating one, ties included', async () => {
      const owner = `pager-${newId()}`;
      const ids: string[] = [];
      // Seven presets, three of them saved in the same second (ties are ordered by id).
      for (const second of [1, 2, 2, 2, 3, 4, 5])
        ids.push((await insert(owner, {}, at(second))).id);
      const seen: string[] = [];
      let after: { updatedAt: string; id: string } | undefined;
      for (let page = 0; page < 10; page++) {
        const rows = await store().presets.list(owner, { limit: 2, after });
        seen.push(...rows.map((r) => r.id));
        const last = rows.at(-1);
        if (rows.length < 2 || !last) break;
        after = { updatedAt: last.updatedAt, id: last.id };
      }
      const expected = (await store().presets.list(owner, { limit: 100 })).map((r) => r.id);
      expect(seen).toEqual(expected);
      expect([...seen].sort()).toEqual([...ids].sort());
    });

    it('refuses a preset beyond the owner’s limit, even when saves race', async () => {
      const owner = `limited-${newId()}`;
      const save = () =>
        store().presets.insert(
          { id: newId(), owner, schemaVersion: 2, params: {}, createdAt: at(1) },
          5,
        );
      const results = await Promise.all(Array.from({ length: 12 }, save));
      expect(results.filter((r) => r !== 'limit')).toHaveLength(5);
      expect(results.filter((r) => r === 'limit')).toHaveLength(7);
      expect(await store().presets.list(owner, { limit: 100 })).toHaveLength(5);
      // Someone else is not affected.
      expect(await insert(`other-${newId()}`)).toMatchObject({ version: 1 });
    });

    it('applies an update made against the current version and bumps the version', async () => {
      const created = await insert();
      const change = { schemaVersion: 2, params: { name: 'renamed' }, updatedAt: at(9) };
      const updated = await store().presets.update(created.id, 'alice', 1, change);
      expect(updated).toMatchObject({ version: 2, params: { name: 'renamed' }, updatedAt: at(9) });
      expect((updated as PresetRecord).createdAt).toBe(created.createdAt);
    });

    it('refuses an update against an old version, changes nothing and says the current one', async () => {
      const created = await insert();
      await store().presets.update(created.id, 'alice', 1, {
        schemaVersion: 2,
        params: { name: 'second' },
        updatedAt: at(1),
      });
      const stale = await store().presets.update(created.id, 'alice', 1, {
        schemaVersion: 2,
        params: { name: 'lost' },
        updatedAt: at(2),
      });
      expect(stale).toEqual({ kind: 'stale', currentVersion: 2 });
      expect((await store().presets.get(created.id))?.params).toEqual({ name: 'second' });
    });

    it('reports an unknown preset, or someone else’s, as not found on update and delete', async () => {
      const created = await insert('alice');
      const change = { schemaVersion: 2, params: {}, updatedAt: at(1) };
      expect(await store().presets.update(newId(), 'alice', 1, change)).toEqual({
        kind: 'not-found',
      });
      expect(await store().presets.update(created.id, 'mallory', 1, change)).toEqual({
        kind: 'not-found',
      });
      expect(await store().presets.delete(created.id, 'mallory', 1)).toEqual({ kind: 'not-found' });
      expect((await store().presets.get(created.id))?.version).toBe(1);
    });

    it('deletes only at the current version', async () => {
      const created = await insert();
      expect(await store().presets.delete(created.id, 'alice', 7)).toEqual({
        kind: 'stale',
        currentVersion: 1,
      });
      expect(await store().presets.delete(created.id, 'alice', 1)).toBe(true);
      expect(await store().presets.get(created.id)).toBeUndefined();
    });

    it('lets exactly one of 100 concurrent updates with the same version win', async () => {
      const created = await insert();
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          store().presets.update(created.id, 'alice', 1, {
            schemaVersion: 2,
            params: { name: `writer ${i}` },
            updatedAt: at(i % 60),
          }),
        ),
      );
      const winners = results.filter((r): r is PresetRecord => !isWriteConflict(r));
      const stale = results.filter((r) => isWriteConflict(r) && r.kind === 'stale');
      expect({ winners: winners.length, stale: stale.length }).toEqual({ winners: 1, stale: 99 });
      const final = await store().presets.get(created.id);
      expect(final?.version).toBe(2);
      expect(final?.params).toEqual(winners[0]?.params);
    });

    it('reports itself open until closed', () => {
      expect(store().isOpen()).toBe(true);
    });
  });
}

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SliceRecord } from '../../../src/store/job-types';
import type { Store } from '../../../src/store/types';
import { storePerSuite } from './each-database';

/**
 * Month slices in every store: a later fetch replaces an earlier one (never the reverse), and an
 * organization's oldest kept month counts only months fetched after they closed.
 */
export function describeSliceRepository(open: () => Promise<Store>): void {
  const store = storePerSuite(open);
  const id = () => randomBytes(12).toString('hex');
  const at = (iso: string) => Date.parse(iso);
  const slice = (over: Partial<SliceRecord>): SliceRecord => ({
    sliceKey: 'k',
    month: '2025-01-01',
    orgId: 'o',
    organizations: ['o'],
    payload: '[]',
    fetchedAt: at('2025-03-01T00:00:00Z'),
    expiresAt: Number.MAX_SAFE_INTEGER,
    ...over,
  });

  describe('month slice repository', () => {
    it('keeps the newest fetch of a month, whichever write comes last', async () => {
      const sliceKey = id();
      const newer = slice({
        sliceKey,
        payload: '[{"n":2}]',
        fetchedAt: at('2025-04-01T00:00:00Z'),
      });
      const older = slice({
        sliceKey,
        payload: '[{"n":1}]',
        fetchedAt: at('2025-03-01T00:00:00Z'),
      });
      await store().slices.upsert([newer]);
      await store().slices.upsert([older]);
      const [kept] = await store().slices.get(sliceKey, ['2025-01-01']);
      expect(kept).toMatchObject({ payload: '[{"n":2}]', fetchedAt: newer.fetchedAt });
    });

    it('counts a month as kept history only when it was fetched after it closed', async () => {
      const orgId = id();
      const other = id();
      await store().slices.upsert([
        // Seen while it ran (mid-January), never again: not its bill.
        slice({
          sliceKey: id(),
          orgId,
          month: '2025-01-01',
          fetchedAt: at('2025-01-20T00:00:00Z'),
        }),
        slice({
          sliceKey: id(),
          orgId,
          month: '2025-02-01',
          fetchedAt: at('2025-03-02T00:00:00Z'),
        }),
        slice({
          sliceKey: id(),
          orgId,
          organizations: [orgId, other],
          month: '2024-11-01',
          fetchedAt: at('2024-12-01T00:00:00Z'),
        }),
      ]);
      const oldest = await store().slices.oldestKept(orgId);
      expect(oldest).toHaveLength(2);
      expect(oldest).toEqual(
        expect.arrayContaining([
          { organizations: ['o'], month: '2025-02-01' },
          { organizations: [orgId, other].sort(), month: '2024-11-01' },
        ]),
      );
    });
  });
}

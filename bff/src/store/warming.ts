import type { Kysely } from 'kysely';
import { fromJson, toJson } from './dialect';
import type { StoreSchema } from './schema';

export interface PresetOpen {
  presetId: string;
  viewerId: string;
  viewerGroups: string[];
  openedAt: number;
}

export interface WarmingRepository {
  /** Notes that a viewer opened a preset (the latest open per viewer and preset is kept). */
  recordOpen(open: PresetOpen): Promise<void>;
  /** Opens at or after `since`, most recent first. */
  openedSince(since: number, limit: number): Promise<PresetOpen[]>;
  /** True for the one replica whose insert of `runKey` took; false for every other. */
  claimRun(runKey: string, replicaId: string, at: number): Promise<boolean>;
  /** Opens older than `before` (nobody will be warmed for them any more). */
  deleteOpensBefore(before: number): Promise<number>;
}

export function createWarmingRepository(db: Kysely<StoreSchema>): WarmingRepository {
  return {
    async recordOpen(open) {
      await db
        .insertInto('preset_opens')
        .values({
          preset_id: open.presetId,
          viewer_id: open.viewerId,
          viewer_groups: toJson(open.viewerGroups),
          opened_at: open.openedAt,
        })
        .onConflict((oc) =>
          oc.columns(['preset_id', 'viewer_id']).doUpdateSet((eb) => ({
            viewer_groups: eb.ref('excluded.viewer_groups'),
            opened_at: eb.ref('excluded.opened_at'),
          })),
        )
        .execute();
    },
    async openedSince(since, limit) {
      const rows = await db
        .selectFrom('preset_opens')
        .selectAll()
        .where('opened_at', '>=', since)
        .orderBy('opened_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        presetId: r.preset_id,
        viewerId: r.viewer_id,
        viewerGroups: fromJson(r.viewer_groups) as string[],
        openedAt: r.opened_at,
      }));
    },
    async claimRun(runKey, replicaId, at) {
      const inserted = await db
        .insertInto('warm_runs')
        .values({ run_key: runKey, claimed_by: replicaId, claimed_at: at })
        .onConflict((oc) => oc.column('run_key').doNothing())
        .returning('run_key')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async deleteOpensBefore(before) {
      const { numDeletedRows } = await db
        .deleteFrom('preset_opens')
        .where('opened_at', '<', before)
        .executeTakeFirst();
      return Number(numDeletedRows);
    },
  };
}

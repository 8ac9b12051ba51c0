import { randomBytes } from 'node:crypto';
import {
  PRESET_SCHEMA_VERSION,
  resolvePeriod,
  type PresetList,
  type PresetParams,
  type PresetResponse,
  type WithheldPart,
} from '../contract';
import { AppError, notFound } from '../errors';
import type { WarmingRepository } from '../store/warming';
import type { Logger } from '../logger';
import {
  isWriteConflict,
  type PresetRecord,
  type PresetRepository,
  type WriteConflict,
} from '../store/types';
import { assertCanSee, type Viewer } from './access';
import { assertNothingUnseen, nothingUnseen, type OrgScope } from './org-scope';
import { UnreadablePresetError, upgradePresetParams } from './presets-migrations';

/** 128 random bits, base64url (22 characters): unguessable share-link ids. */
export function newPresetId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Presets belong to the viewer who saved them (`owner` = the viewer's id). Opening one is open to
 * anyone holding the link who may see its organizations; for anyone else it does not exist (404,
 * exactly like an unknown id). Only the owner may change or delete it.
 */
export interface PresetService {
  /** The viewer's own presets (about organizations they may still see). */
  list(viewer: Viewer, page: { limit: number; cursor?: string | undefined }): Promise<PresetList>;
  /**
   * Opens a preset. The open is noted (who, when) so presets opened lately are refreshed before
   * anyone asks (preset-warmer.ts), unless `record` is false (the warmer's own reads).
   */
  get(viewer: Viewer, id: string, options?: { record?: boolean }): Promise<PresetResponse>;
  create(viewer: Viewer, params: PresetParams): Promise<PresetResponse>;
  replace(
    viewer: Viewer,
    id: string,
    expectedVersion: number,
    params: PresetParams,
  ): Promise<PresetResponse>;
  remove(viewer: Viewer, id: string, expectedVersion: number): Promise<void>;
}

const orgsOf = ({ query }: Pick<PresetParams, 'query'>) => [
  query.orgId,
  ...query.filters.organizations,
];

const visibleTo = (viewer: Viewer, params: Pick<PresetParams, 'query'>) =>
  orgsOf(params).every((orgId) => viewer.canSee(orgId));

/**
 * What someone else's preset says about who saved it: nothing (a neutral "shared preset", the
 * default) or the owner's e-mail, as the deployment chooses (PRESET_SHARED_BY).
 */
export type SharedByPolicy = 'hidden' | 'email';

export interface PresetServiceOptions {
  presets: PresetRepository;
  /** Which projects and clusters a viewer may see: ids outside them are withheld or refused. */
  scope: Pick<OrgScope, 'unseen'>;
  sharedBy?: SharedByPolicy;
  /** Presets one person may keep (default 500): a save beyond it is 409. */
  maxPerUser?: number;
  logger: Logger;
  /** Where opens are noted for warming; absent: not noted. */
  opens?: Pick<WarmingRepository, 'recordOpen'>;
  now?: () => Date;
}

export function createPresetService(options: PresetServiceOptions): PresetService {
  const { presets, logger, scope, opens } = options;
  const sharedBy = options.sharedBy ?? 'hidden';
  const maxPerUser = options.maxPerUser ?? 500;
  const now = options.now ?? (() => new Date());

  /**
   * Migrates, validates and resolves "last 3 complete months" & co. for this moment, as this
   * viewer may see it: projects, clusters and drill-down steps outside their organizations are
   * left out (and listed in `withheld`), so a shared link never carries them to Atlas.
   */
  const present = async (viewer: Viewer, record: PresetRecord): Promise<PresetResponse> => {
    const params = upgradePresetParams(record.schemaVersion, record.params);
    const mine = record.owner === viewer.id;
    const { query, withheld } = await withhold(viewer, params.query);
    return {
      ...params,
      query,
      id: record.id,
      ownedByYou: mine,
      ...(!mine && sharedBy === 'email' && { sharedBy: record.owner }),
      ...(withheld.length > 0 && { withheld }),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      version: record.version,
      schemaVersion: PRESET_SCHEMA_VERSION,
      resolved: resolvePeriod(params.query.period, now()),
    };
  };

  const withhold = async (viewer: Viewer, query: PresetParams['query']) => {
    const { filters } = query;
    const drill = query.view.drill;
    const unseen = await scope.unseen(viewer, { ...filters, drill });
    if (nothingUnseen(unseen)) return { query, withheld: [] };
    const keep = (list: string[], out: string[]) => list.filter((id) => !out.includes(id));
    const narrowed = {
      ...query,
      filters: {
        ...filters,
        projects: keep(filters.projects, unseen.projects),
        clusters: keep(filters.clusters, unseen.clusters),
      },
      view:
        drill && unseen.firstUnseenStep >= 0
          ? { ...query.view, drill: drill.slice(0, unseen.firstUnseenStep) }
          : query.view,
    };
    const withheld: WithheldPart[] = [];
    const count = (n: number, what: string) =>
      `${n} ${what}${n === 1 ? '' : 's'} in organizations you may not see`;
    if (unseen.projects.length > 0) {
      withheld.push({
        field: 'projects',
        reason: `left out: ${count(unseen.projects.length, 'project')}`,
      });
    }
    if (unseen.clusters.length > 0) {
      withheld.push({
        field: 'clusters',
        reason: `left out: ${count(unseen.clusters.length, 'cluster')}`,
      });
    }
    if (drill && unseen.firstUnseenStep >= 0) {
      withheld.push({
        field: 'drill',
        reason: `stops after ${unseen.firstUnseenStep} of ${drill.length} steps: the next names something in an organization you may not see`,
      });
    }
    return { query: narrowed, withheld };
  };

  const presentOr500 = async (viewer: Viewer, record: PresetRecord): Promise<PresetResponse> => {
    try {
      return await present(viewer, record);
    } catch (err) {
      if (!(err instanceof UnreadablePresetError)) throw err;
      logger.error({ presetId: record.id, err: err.message }, 'stored preset is unreadable');
      throw new AppError({
        status: 500,
        title: 'Stored preset is unreadable',
        detail: 'This preset was saved in a form this server cannot read.',
        cause: err,
      });
    }
  };

  const fail = (conflict: WriteConflict): never => {
    if (conflict.kind === 'not-found') throw notFound('This preset');
    throw new AppError({
      status: 412,
      title: 'Preset changed since you loaded it',
      detail: `Someone saved it meanwhile (it is now version ${conflict.currentVersion}). Reload it, redo your change and save again.`,
    });
  };

  const visibleOr404 = async (viewer: Viewer, id: string): Promise<PresetRecord> => {
    const record = await presets.get(id);
    if (!record) throw notFound('This preset');
    let params: PresetParams;
    try {
      params = upgradePresetParams(record.schemaVersion, record.params);
    } catch (err) {
      if (!(err instanceof UnreadablePresetError)) throw err;
      return record; // presentOr500 says why
    }
    if (!visibleTo(viewer, params)) throw notFound('This preset');
    return record;
  };

  /** Others who may open the preset get a clear 403; the write itself re-checks the owner. */
  const ownedBy = async (viewer: Viewer, id: string): Promise<void> => {
    const record = await visibleOr404(viewer, id);
    if (record.owner !== viewer.id) {
      throw new AppError({
        status: 403,
        title: 'Not your preset',
        detail:
          'Only the person who saved this preset can change or delete it. Save a copy instead.',
      });
    }
  };

  /** A preset is saved only with ids the viewer may see (403 otherwise, like a query). */
  const assertMayUse = async (viewer: Viewer, params: PresetParams) => {
    assertCanSee(viewer, orgsOf(params));
    const { filters, view } = params.query;
    assertNothingUnseen(await scope.unseen(viewer, { ...filters, drill: view.drill }));
  };

  return {
    async list(viewer, { limit, cursor }) {
      // One more than asked tells whether another page follows.
      const found = await presets.list(viewer.id, {
        limit: limit + 1,
        after: decodeCursor(cursor),
      });
      const records = found.slice(0, limit);
      const last = records.at(-1);
      const nextCursor = found.length > limit && last ? encodeCursor(last) : undefined;
      const listed = await Promise.all(
        records.map(async (record) => {
          try {
            const preset = await present(viewer, record);
            return visibleTo(viewer, preset) ? [preset] : [];
          } catch (err) {
            // One unreadable row must not hide the others; it is logged, and GET by id says 500.
            if (!(err instanceof UnreadablePresetError)) throw err;
            logger.error({ presetId: record.id, err: err.message }, 'stored preset is unreadable');
            return [];
          }
        }),
      );
      // A page may hold fewer than `limit`: presets about organizations the viewer may no longer
      // see are left out, never padded from the next page.
      return { items: listed.flat(), ...(nextCursor && { nextCursor }) };
    },

    async get(viewer, id, options = {}) {
      const preset = await presentOr500(viewer, await visibleOr404(viewer, id));
      if (options.record !== false && opens) {
        const open = {
          presetId: id,
          viewerId: viewer.id,
          viewerGroups: [...viewer.groups],
          openedAt: now().getTime(),
        };
        // Warming is a nicety: a failed note never fails the open.
        await opens.recordOpen(open).catch((err: unknown) => {
          logger.warn({ presetId: id, err: String(err) }, 'could not note the preset open');
        });
      }
      return preset;
    },

    async create(viewer, params) {
      await assertMayUse(viewer, params);
      const record = await presets.insert(
        {
          id: newPresetId(),
          owner: viewer.id,
          schemaVersion: PRESET_SCHEMA_VERSION,
          params,
          createdAt: now().toISOString(),
        },
        maxPerUser,
      );
      if (record === 'limit') {
        throw new AppError({
          status: 409,
          title: 'Too many presets',
          detail: `You have ${maxPerUser} presets, the most one person may keep. Delete some you no longer use, then save again.`,
        });
      }
      return presentOr500(viewer, record);
    },

    async replace(viewer, id, expectedVersion, params) {
      await ownedBy(viewer, id);
      await assertMayUse(viewer, params);
      const result = await presets.update(id, viewer.id, expectedVersion, {
        schemaVersion: PRESET_SCHEMA_VERSION,
        params,
        updatedAt: now().toISOString(),
      });
      return isWriteConflict(result) ? fail(result) : presentOr500(viewer, result);
    },

    async remove(viewer, id, expectedVersion) {
      await ownedBy(viewer, id);
      const result = await presets.delete(id, viewer.id, expectedVersion);
      if (result !== true) fail(result);
    },
  };
}

/** The opaque cursor after `record`: base64url of its sort key (updated at, id). */
function encodeCursor(record: PresetRecord): string {
  return Buffer.from(JSON.stringify([record.updatedAt, record.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { updatedAt: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { updatedAt: value[0], id: value[1] };
    }
  } catch {
    // fall through: not one of ours
  }
  throw new AppError({
    status: 400,
    title: 'Invalid request',
    detail: 'Check cursor: it is not a cursor this server gave',
    errors: [{ field: 'cursor', message: 'is not a cursor this server gave' }],
  });
}

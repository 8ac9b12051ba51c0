import { randomBytes } from 'node:crypto';
import {
  PRESET_SCHEMA_VERSION,
  resolveRange,
  type PresetParams,
  type PresetResponse,
} from '../contract';
import { AppError, notFound } from '../errors';
import type { Logger } from '../logger';
import {
  isWriteConflict,
  type PresetRecord,
  type PresetRepository,
  type WriteConflict,
} from '../store/types';
import { assertCanSee, type Viewer } from './access';
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
  list(viewer: Viewer): Promise<PresetResponse[]>;
  get(viewer: Viewer, id: string): Promise<PresetResponse>;
  create(viewer: Viewer, params: PresetParams): Promise<PresetResponse>;
  replace(
    viewer: Viewer,
    id: string,
    expectedVersion: number,
    params: PresetParams,
  ): Promise<PresetResponse>;
  remove(viewer: Viewer, id: string, expectedVersion: number): Promise<void>;
}

const orgsOf = (params: Pick<PresetParams, 'orgId' | 'filters'>) => [
  params.orgId,
  ...(params.filters.organizations ?? []),
];

const visibleTo = (viewer: Viewer, params: Pick<PresetParams, 'orgId' | 'filters'>) =>
  orgsOf(params).every((orgId) => viewer.canSee(orgId));

export interface PresetServiceOptions {
  presets: PresetRepository;
  logger: Logger;
  now?: () => Date;
}

export function createPresetService(options: PresetServiceOptions): PresetService {
  const { presets, logger } = options;
  const now = options.now ?? (() => new Date());

  /** Migrates, validates and resolves "last 3 complete months" & co. for this moment. */
  const present = (record: PresetRecord): PresetResponse => {
    const params = upgradePresetParams(record.schemaVersion, record.params);
    return {
      ...params,
      id: record.id,
      owner: record.owner,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      version: record.version,
      schemaVersion: PRESET_SCHEMA_VERSION,
      resolved: resolveRange(params.range, now()),
    };
  };

  const presentOr500 = (record: PresetRecord): PresetResponse => {
    try {
      return present(record);
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

  const visibleOr404 = async (viewer: Viewer, id: string): Promise<PresetResponse> => {
    const record = await presets.get(id);
    if (!record) throw notFound('This preset');
    const preset = presentOr500(record);
    if (!visibleTo(viewer, preset)) throw notFound('This preset');
    return preset;
  };

  /** Others who may open the preset get a clear 403; the write itself re-checks the owner. */
  const ownedBy = async (viewer: Viewer, id: string): Promise<void> => {
    const preset = await visibleOr404(viewer, id);
    if (preset.owner !== viewer.id) {
      throw new AppError({
        status: 403,
        title: 'Not your preset',
        detail:
          'Only the person who saved this preset can change or delete it. Save a copy instead.',
      });
    }
  };

  return {
    async list(viewer) {
      const records = await presets.list(viewer.id);
      return records.flatMap((record) => {
        try {
          const preset = present(record);
          return visibleTo(viewer, preset) ? [preset] : [];
        } catch (err) {
          // One unreadable row must not hide the others; it is logged, and GET by id says 500.
          if (!(err instanceof UnreadablePresetError)) throw err;
          logger.error({ presetId: record.id, err: err.message }, 'stored preset is unreadable');
          return [];
        }
      });
    },

    get: (viewer, id) => visibleOr404(viewer, id),

    async create(viewer, params) {
      assertCanSee(viewer, orgsOf(params));
      const record = await presets.insert({
        id: newPresetId(),
        owner: viewer.id,
        schemaVersion: PRESET_SCHEMA_VERSION,
        params,
        createdAt: now().toISOString(),
      });
      return presentOr500(record);
    },

    async replace(viewer, id, expectedVersion, params) {
      await ownedBy(viewer, id);
      assertCanSee(viewer, orgsOf(params));
      const result = await presets.update(id, viewer.id, expectedVersion, {
        schemaVersion: PRESET_SCHEMA_VERSION,
        params,
        updatedAt: now().toISOString(),
      });
      return isWriteConflict(result) ? fail(result) : presentOr500(result);
    },

    async remove(viewer, id, expectedVersion) {
      await ownedBy(viewer, id);
      const result = await presets.delete(id, viewer.id, expectedVersion);
      if (result !== true) fail(result);
    },
  };
}

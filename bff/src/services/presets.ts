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
import { UnreadablePresetError, upgradePresetParams } from './presets-migrations';

/** Until identity arrives (a later issue), every preset belongs to this one owner. */
export const LOCAL_OWNER = 'local';

/** 128 random bits, base64url (22 characters): unguessable share-link ids. */
export function newPresetId(): string {
  return randomBytes(16).toString('base64url');
}

export interface PresetService {
  list(owner: string): Promise<PresetResponse[]>;
  /** Anyone holding the id may open it: that is what a share link is. */
  get(id: string): Promise<PresetResponse>;
  create(owner: string, params: PresetParams): Promise<PresetResponse>;
  replace(
    owner: string,
    id: string,
    expectedVersion: number,
    params: PresetParams,
  ): Promise<PresetResponse>;
  remove(owner: string, id: string, expectedVersion: number): Promise<void>;
}

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

  return {
    async list(owner) {
      const records = await presets.list(owner);
      return records.flatMap((record) => {
        try {
          return [present(record)];
        } catch (err) {
          // One unreadable row must not hide the others; it is logged, and GET by id says 500.
          if (!(err instanceof UnreadablePresetError)) throw err;
          logger.error({ presetId: record.id, err: err.message }, 'stored preset is unreadable');
          return [];
        }
      });
    },

    async get(id) {
      const record = await presets.get(id);
      if (!record) throw notFound('This preset');
      return presentOr500(record);
    },

    async create(owner, params) {
      const record = await presets.insert({
        id: newPresetId(),
        owner,
        schemaVersion: PRESET_SCHEMA_VERSION,
        params,
        createdAt: now().toISOString(),
      });
      return presentOr500(record);
    },

    async replace(owner, id, expectedVersion, params) {
      const result = await presets.update(id, owner, expectedVersion, {
        schemaVersion: PRESET_SCHEMA_VERSION,
        params,
        updatedAt: now().toISOString(),
      });
      return isWriteConflict(result) ? fail(result) : presentOr500(result);
    },

    async remove(owner, id, expectedVersion) {
      const result = await presets.delete(id, owner, expectedVersion);
      if (result !== true) fail(result);
    },
  };
}

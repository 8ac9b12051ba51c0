/**
 * Persistence behind one interface, over an embedded SQLite or a PostgreSQL database. The
 * repositories are written once (Kysely; the dialects' differences are named in dialect.ts) and
 * are async even where the driver is not, so services never care which database runs.
 * The store knows rows, not presets: `params` is opaque JSON that services validate and migrate.
 */

import type { BudgetRepository } from './budgets';
import type { WarmingRepository } from './warming';
import type { JobRepository, ResultRepository, SliceRepository } from './job-types';

export type Dialect = 'sqlite' | 'postgres';

export interface PresetRecord {
  id: string;
  owner: string;
  /** The preset schema the params were written with (services migrate older ones on read). */
  schemaVersion: number;
  params: unknown;
  /** Optimistic-concurrency counter: 1 on insert, +1 on every update. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NewPresetRecord = Omit<PresetRecord, 'version' | 'updatedAt'>;

export interface PresetChange {
  schemaVersion: number;
  params: unknown;
  updatedAt: string;
}

/** Why a compare-and-set did not happen; `currentVersion` is read afterwards, for the message. */
export type WriteConflict = { kind: 'not-found' } | { kind: 'stale'; currentVersion: number };

/** Keyset paging, newest change first: `after` is the last preset of the previous page. */
export interface PresetPage {
  limit: number;
  after?: { updatedAt: string; id: string } | undefined;
}

export interface PresetRepository {
  /** An owner's presets, most recently updated first (ties by id), a page at a time. */
  list(owner: string, page: PresetPage): Promise<PresetRecord[]>;
  get(id: string): Promise<PresetRecord | undefined>;
  /**
   * Saves a new preset unless its owner already has `maxPerOwner` of them ('limit'). The count
   * and the insert are one transaction, serialized per owner.
   */
  insert(record: NewPresetRecord, maxPerOwner: number): Promise<PresetRecord | 'limit'>;
  /** One `UPDATE … WHERE id AND owner AND version` statement: the check and the write are atomic. */
  update(
    id: string,
    owner: string,
    expectedVersion: number,
    change: PresetChange,
  ): Promise<PresetRecord | WriteConflict>;
  delete(id: string, owner: string, expectedVersion: number): Promise<true | WriteConflict>;
}

export interface Store {
  readonly dialect: Dialect;
  readonly presets: PresetRepository;
  /** Cost Explorer query jobs: shared by identical questions, resumed after a restart. */
  readonly jobs: JobRepository;
  /** Finished results, reused until they expire (the result cache). */
  readonly results: ResultRepository;
  /** Results by month, composed into any range; closed months kept past Atlas's window. */
  readonly slices: SliceRepository;
  /** Each organization's share of Atlas's bucket, one for all replicas (decision 015). */
  readonly budgets: BudgetRepository;
  /** Preset opens and warming runs: what to refresh before anyone asks (preset-warmer.ts). */
  readonly warming: WarmingRepository;
  /** False once close() has started: readiness reports it. */
  isOpen(): boolean;
  close(): Promise<void>;
}

export function isWriteConflict(value: unknown): value is WriteConflict {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

import type { Kysely } from 'kysely';
import { createBudgetRepository } from './budgets';
import type { DialectFragments } from './dialect';
import { createJobRepository } from './jobs';
import { createPresetRepository } from './presets';
import { createResultRepository } from './results';
import { createSliceRepository } from './slices';
import { createWarmingRepository } from './warming';
import type { StoreSchema } from './schema';
import type { Store } from './types';

/** The repositories over one Kysely instance: the same code whichever database is under it. */
export function createRepositories(
  db: Kysely<StoreSchema>,
  dialect: DialectFragments,
): Pick<Store, 'dialect' | 'presets' | 'jobs' | 'results' | 'slices' | 'budgets' | 'warming'> {
  return {
    dialect: dialect.name,
    presets: createPresetRepository(db, dialect),
    jobs: createJobRepository(db, dialect),
    results: createResultRepository(db),
    slices: createSliceRepository(db, dialect),
    warming: createWarmingRepository(db),
    budgets: createBudgetRepository(db, dialect),
  };
}

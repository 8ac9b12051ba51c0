import { describeBudgetRepository } from './support/budget-repository-suite';
import { describeOnEachDatabase } from './support/each-database';
import { describeJobRepository } from './support/job-repository-suite';
import { describePresetRepository } from './support/preset-repository-suite';
import { describeSliceRepository } from './support/slice-repository-suite';
import { describeTextPieces } from './support/text-pieces-suite';

// One definition of what the store promises, run on SQLite and on PostgreSQL.
describeOnEachDatabase('the store', (open) => {
  describePresetRepository(open);
  describeJobRepository(open);
  describeBudgetRepository(open);
  describeSliceRepository(open);
  describeTextPieces(open);
});

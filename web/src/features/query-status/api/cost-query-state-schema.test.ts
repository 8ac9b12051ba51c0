import { costQueryStateSchema, usageRowSchema } from '@ace/bff/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doneAnswer } from '../../../testing/cost-query-answers';
import { costQueryStateWireSchema, isUsageRow } from './cost-query-state-schema';

/** JSON-shaped candidates for a row: right and wrong types for every key the contract names. */
const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.constant(2 ** 53),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const candidate = fc.record(
  {
    usageDate: fc.oneof(fc.constant('2025-01-01'), value),
    usageAmount: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), value),
    usageAmountCents: fc.oneof(fc.integer(), value),
    service: fc.oneof(fc.constant('Backup'), value),
    clusterId: value,
    projectName: value,
    organizationId: value,
    extra: value,
  },
  { requiredKeys: [] },
);

/** A finished answer carrying these rows as they are (the parser's input is untrusted JSON). */
const done = (usageDetails: unknown[]) => {
  const answer = doneAnswer();
  return { ...answer, result: { ...answer.result, usageDetails } };
};

describe('the cost-query answer parser', () => {
  it('accepts a row exactly when the contract schema does', () => {
    fc.assert(
      fc.property(fc.oneof(candidate, value), (row) => {
        expect(isUsageRow(row)).toBe(usageRowSchema.safeParse(row).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the contract on whole answers and keeps the rows as they came', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 5 }), (rows) => {
        const body = done(rows);
        const ours = costQueryStateWireSchema.safeParse(body);
        expect(ours.success).toBe(costQueryStateSchema.safeParse(body).success);
        if (ours.success && ours.data.status === 'done') {
          expect(ours.data.result.usageDetails).toBe(body.result.usageDetails);
        }
      }),
    );
  });

  it('checks the rest of the answer with the contract (processing, failed, bad envelopes)', () => {
    const processing = { ...done([]), status: 'processing', elapsedMs: 5 };
    expect(costQueryStateWireSchema.safeParse(processing).success).toBe(true);
    expect(costQueryStateWireSchema.safeParse(done([])).success).toBe(true);
    expect(costQueryStateWireSchema.safeParse({ ...done([]), status: 'weird' }).success).toBe(
      false,
    );
    expect(costQueryStateWireSchema.safeParse(null).success).toBe(false);
  });
});

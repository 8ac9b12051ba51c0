import { costQueryStateSchema, costSummaryGroupSchema } from '@ace/bff/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doneAnswer } from '../../../testing/cost-query-answers';
import { costQueryStateWireSchema, isSummaryGroup } from './cost-query-state-schema';

/** JSON-shaped candidates: right and wrong types for every key the contract names. */
const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.constant(2 ** 53),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const cell = fc.oneof(fc.integer(), fc.constant(null), value);
const candidate = fc.record(
  {
    id: fc.oneof(fc.constant('p1'), value),
    name: fc.oneof(fc.constant('Shop'), value),
    organizationId: value,
    parentName: value,
    // Two months: the answer below covers January and February.
    cells: fc.oneof(fc.array(cell, { minLength: 2, maxLength: 2 }), value),
    totalCents: fc.oneof(fc.integer(), value),
  },
  { requiredKeys: [] },
);

/** A finished answer carrying these groups as they are (the parser's input is untrusted JSON). */
const done = (groups: unknown[]) => {
  const answer = doneAnswer();
  return {
    ...answer,
    result: { ...answer.result, summary: { ...answer.result.summary, groups } },
  };
};

describe('the cost-query answer parser', () => {
  it('accepts a group exactly when the contract schema does (with one cell per month)', () => {
    fc.assert(
      fc.property(fc.oneof(candidate, value), (group) => {
        const contract = costSummaryGroupSchema.safeParse(group);
        const oneCellPerMonth = contract.success && contract.data.cells.length === 2;
        expect(isSummaryGroup(group, 2)).toBe(oneCellPerMonth);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the contract on whole answers and keeps the groups as they came', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 5 }), (groups) => {
        const body = done(groups);
        const ours = costQueryStateWireSchema.safeParse(body);
        const contract = costQueryStateSchema.safeParse(body);
        const fits =
          contract.success && groups.every((g) => (g as { cells: unknown[] }).cells.length === 2);
        expect(ours.success).toBe(fits);
        if (ours.success && ours.data.status === 'done') {
          expect(ours.data.result.summary.groups).toBe(body.result.summary.groups);
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

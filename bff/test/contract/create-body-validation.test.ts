import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATLAS_SERVICES } from '../../src/contract/services';
import { validateCreateBody } from '../../src/simulator/cost-explorer/validation';
import { validateAgainstOperation } from './openapi';

const NOW = new Date('2026-03-15T12:00:00.000Z');
const CREATE = 'createOrgBillingCostExplorerUsageProcess';

const absent = fc.constant(undefined);
const id = fc.stringMatching(/^[a-f0-9]{24}$/);
const badId = fc.constantFrom('ABCDEF0123456789ABCDEF01', 'short', 7);
const idList = fc.oneof(
  absent,
  fc.constant(null),
  fc.array(fc.oneof(id, id, badId), { maxLength: 3 }),
);
const date = fc.oneof(
  fc.constantFrom('2025-01-01', '2025-06-01', '2026-01-01', '2026-03-01', '2026-04-01'),
  fc.constantFrom('2026-01-15', '2026-02-30', 'March', 20260101),
  absent,
);
const bodyArb = fc
  .record({
    startDate: date,
    endDate: date,
    organizations: idList,
    projects: idList,
    clusters: idList,
    services: fc.oneof(
      absent,
      fc.array(fc.constantFrom(...ATLAS_SERVICES, 'Compute'), { maxLength: 3 }),
    ),
    groupBy: fc.oneof(
      absent,
      fc.constant(''),
      fc.constantFrom('organizations', 'projects', 'clusters', 'services', 'cluster'),
    ),
    includePartialMatches: fc.oneof(absent, fc.boolean(), fc.constant('yes')),
    granularity: fc.oneof(absent, absent, absent, fc.constant('MONTHLY')),
  })
  .map((body) => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));

const simulatorAccepts = (body: object) => {
  try {
    validateCreateBody(JSON.stringify(body), NOW);
    return true;
  } catch {
    return false;
  }
};

/** What the spec sees once the null / "" placeholders a Go client sends are dropped. */
const withoutPlaceholders = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== ''));

describe("the simulator's create-body validation agrees with the spec fragment", () => {
  it('accepts only bodies the spec accepts, and rejects every body the spec rejects', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const spec = validateAgainstOperation(
          CREATE,
          'requestBody',
          withoutPlaceholders(body),
        ).valid;
        // The simulator is stricter (unknown keys, first of month, retention, groupBy needs a value).
        if (simulatorAccepts(body)) expect(spec).toBe(true);
        if (!spec) expect(simulatorAccepts(body)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('generates both accepted and rejected bodies, so the check above is not vacuous', () => {
    const verdicts = fc.sample(bodyArb, { numRuns: 300, seed: 7 }).map(simulatorAccepts);
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});

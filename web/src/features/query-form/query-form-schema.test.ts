import { describe, expect, it } from 'vitest';
import { defaultPeriod, emptyDraft, type DashboardDraft } from '../../lib/dashboard-draft';
import { toFormFieldError } from './form-errors';
import { createQueryFormSchema } from './query-form-schema';

const NOW = new Date('2025-06-15T12:00:00Z');
const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const schema = createQueryFormSchema(NOW);
const draft = (overrides: Partial<DashboardDraft> = {}): DashboardDraft => ({
  ...emptyDraft(),
  orgId: ORG,
  period: defaultPeriod(NOW),
  ...overrides,
});

function issuesOf(overrides: Partial<DashboardDraft>) {
  const result = schema.safeParse(draft(overrides));
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('the query form schema (refines to the contract)', () => {
  it('turns a complete draft into the dashboard question, months inclusive as chosen', () => {
    expect(schema.parse(draft())).toEqual({
      orgId: ORG,
      period: { kind: 'months', first: '2025-01-01', last: '2025-06-01' },
      filters: { organizations: [], projects: [], clusters: [], services: [] },
      includePartialMatches: false,
      view: {},
    });
  });

  it('lets a group-by go without chosen values (the BFF fills them)', () => {
    expect(issuesOf({ groupBy: 'clusters' })).toEqual([]);
  });

  it('rejects months Atlas no longer keeps, on the month picker', () => {
    const issues = issuesOf({
      period: { kind: 'months', first: '2023-11-01', last: '2024-01-01' },
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.[0]).toBe('period');
    expect(issues[0]?.[1]).toMatch(/^The first month must not be before .*18 months/);
  });

  it('asks for an organization and for both months', () => {
    expect(issuesOf({ orgId: '' })).toEqual([['orgId', 'Choose an organization']]);
    expect(issuesOf({ period: { kind: 'months', first: '2025-01-01', last: null } })).toEqual([
      ['period', 'Choose the last month too'],
    ]);
    expect(issuesOf({ period: undefined })).toEqual([
      ['period', 'Choose the first and the last month'],
    ]);
  });

  it('accepts a relative period', () => {
    expect(issuesOf({ period: { kind: 'relative', period: 'last-3-complete-months' } })).toEqual(
      [],
    );
  });
});

describe('where a problem is shown', () => {
  it('maps a dotted list path to its picker and names the item', () => {
    expect(toFormFieldError('filters.clusters.3', 'must be a 24-character hex id')).toEqual({
      field: 'filters.clusters',
      message: 'Clusters (item 4) must be a 24-character hex id',
    });
  });

  it('puts the months on the month picker, and a group-by the BFF cannot fill on its list', () => {
    expect(toFormFieldError(['period', 'last'], 'must not be before the first month')).toEqual({
      field: 'period',
      message: 'The last month must not be before the first month',
    });
    expect(toFormFieldError('projects', 'choose up to 500 to group by').field).toBe(
      'filters.projects',
    );
    expect(toFormFieldError('groupBy', 'finds no clusters in these organizations')).toEqual({
      field: 'groupBy',
      message: 'Group by finds no clusters in these organizations',
    });
  });

  it('leaves unknown paths to the form as a whole', () => {
    expect(toFormFieldError('body', 'is broken')).toEqual({
      field: undefined,
      message: 'is broken',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATLAS_SERVICES } from '../../contract/services';
import { DEFAULT_SEED, getDatasetModel } from '../dataset/dataset';
import { startSession, usagePath, type Session } from '../testing/atlas';
import { unfilteredQuery } from '../testing/usage-queries';
import { runUsageQuery, type UsageQuery, type UsageRow } from './usage-query';

const NOW = new Date('2026-03-15T12:00:00.000Z');
const MARCH_2026 = 2026 * 12 + 2;
const model = getDatasetModel(DEFAULT_SEED, 1, MARCH_2026);
const { dataset } = model;
const paying = dataset.payingOrgId;
const [linkedA = '', linkedB = ''] = dataset.linkedOrgIds;

const query = (over: Partial<UsageQuery> = {}): UsageQuery =>
  unfilteredQuery({ startDate: '2025-03-01', endDate: '2026-04-01', ...over });
const run = (over: Partial<UsageQuery> = {}, orgId = paying, asOf = NOW) =>
  runUsageQuery(model, orgId, query(over), asOf);
const cents = (rows: UsageRow[]) =>
  rows.reduce((sum, r) => sum + Math.round(r.usageAmount * 100), 0);
const orgsIn = (rows: UsageRow[]) => [...new Set(rows.map((r) => r.organizationId))].sort();
const allClusterIds = dataset.clusters.map((c) => c.id);
/** The keys every row carries plus the grouping's own, in name order (as toRow writes them). */
const rowKeys = (...grouped: string[]) =>
  [
    'invoiceId',
    'organizationId',
    'organizationName',
    'usageAmount',
    'usageDate',
    ...grouped,
  ].sort();

describe('Cost Explorer results', () => {
  it('returns month × organization × service rows with exactly the observed keys when not grouped', () => {
    const rows = run();
    expect(Object.keys(rows[0] ?? {})).toEqual(rowKeys('service'));
    const keys = rows.map((r) => `${r.usageDate}|${r.organizationId}|${r.service}`);
    expect(new Set(keys).size).toBe(rows.length);
  });

  it.each([
    ['organizations', { organizations: [paying] }, rowKeys()],
    [
      'projects',
      { projects: dataset.projects.map((p) => p.id) },
      rowKeys('projectId', 'projectName'),
    ],
    [
      'clusters',
      { clusters: allClusterIds },
      rowKeys('projectId', 'projectName', 'clusterName', 'clusterUniqueId'),
    ],
    ['services', { services: ['Clusters', 'Storage'] }, rowKeys('service')],
  ] as const)('groups by %s at the grain docs/atlas-wire.md describes', (groupBy, filter, keys) => {
    const rows = run({ ...filter, groupBy } as Partial<UsageQuery>);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row)).toEqual(keys);
  });

  it("covers the paying organization's linked organizations when no organizations filter is given", () => {
    expect(orgsIn(run())).toEqual([paying, linkedA, linkedB].sort());
  });

  it('narrows the paying organization to the organizations listed in the filter', () => {
    expect(orgsIn(run({ organizations: [linkedB] }))).toEqual([linkedB]);
  });

  it("covers only the linked organization itself on a linked organization's path", () => {
    expect(orgsIn(run({}, linkedA))).toEqual([linkedA]);
    expect(run({ organizations: [paying] }, linkedA)).toEqual([]);
  });

  it('keeps deleted clusters in the cost history', () => {
    const deleted = dataset.clusters.filter((c) => c.deleted);
    const rows = run({ groupBy: 'clusters', clusters: deleted.map((c) => c.id) });
    expect(new Set(rows.map((r) => r.clusterUniqueId)).size).toBeGreaterThan(deleted.length / 2);
  });

  it('sorts rows by month, then organization, project and cluster names', () => {
    const rows = run({ groupBy: 'clusters', clusters: allClusterIds });
    const sortKey = (r: UsageRow) =>
      [
        r.usageDate,
        r.organizationName,
        r.projectName,
        r.projectId,
        r.clusterName,
        r.clusterUniqueId,
      ].join('\u0000');
    const keys = rows.map(sortKey);
    expect(keys).toEqual([...keys].sort());
  });

  it('emits amounts with at most two decimals and one invoice per organization and month', () => {
    const rows = run();
    for (const row of rows) expect(Math.round(row.usageAmount * 100) / 100).toBe(row.usageAmount);
    const invoices = new Map<string, string>();
    for (const row of rows) {
      const key = `${row.organizationId}|${row.usageDate}`;
      expect(invoices.get(key) ?? row.invoiceId).toBe(row.invoiceId);
      invoices.set(key, row.invoiceId);
    }
    expect([...invoices.values()].every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
  });

  it('prorates the current month by the day of the month', () => {
    const marchOnly = { startDate: '2026-03-01', endDate: '2026-04-01' };
    const mid = cents(run(marchOnly, paying, new Date('2026-03-15T12:00:00Z')));
    const end = cents(run(marchOnly, paying, new Date('2026-03-31T12:00:00Z')));
    expect(mid / end).toBeCloseTo(15 / 31, 2);
  });

  it('has no rows for months before the history starts or after the current month', () => {
    const rows = run({ startDate: '2024-01-01', endDate: '2026-06-01' });
    const months = new Set(rows.map((r) => r.usageDate));
    expect([...months].sort()[0]).toBe(dataset.firstMonth);
    expect([...months].sort().at(-1)).toBe('2026-03-01');
  });

  it('uses every one of the 23 services somewhere in the history', () => {
    const services = new Set(run({ startDate: '2024-09-01' }).map((r) => r.service));
    expect(ATLAS_SERVICES.filter((s) => !services.has(s))).toEqual([]);
  });

  it('charges organization-level usage (support, credits…) without project or cluster', () => {
    const projects = [dataset.projects[0]?.id ?? ''];
    const rows = run({ groupBy: 'projects', projects, includePartialMatches: true });
    const unattributed = rows.filter((r) => r.projectId === undefined);
    const orgLevel = run({
      services: ['Support', 'Credits', 'Premium Features', 'Flex Consulting'],
    });
    expect(unattributed.length).toBeGreaterThan(0);
    expect(cents(unattributed)).toBe(cents(orgLevel));
  });

  it('only returns the services asked for', () => {
    const rows = run({ services: ['Support', 'Credits'] });
    expect(new Set(rows.map((r) => r.service))).toEqual(new Set(['Support', 'Credits']));
    expect(rows.filter((r) => r.service === 'Credits').every((r) => r.usageAmount < 0)).toBe(true);
  });
});

describe('Cost Explorer results over HTTP', () => {
  let h: Session;
  beforeAll(async () => {
    h = await startSession();
  });
  afterAll(() => h.sim.close());

  it('serves exactly what the query engine computes', async () => {
    const body = {
      startDate: '2025-06-01',
      endDate: '2026-04-01',
      groupBy: 'projects',
      projects: [dataset.projects[3]?.id],
    };
    const token = await h.createQuery(body, paying);
    const res = await h.atlas(h.auth, usagePath(paying, token));
    expect(res.json()).toEqual({ usageDetails: run(body as Partial<UsageQuery>) });
  });
});

import { describe, expect, it } from 'vitest';
import { monthFromIndex } from '../../contract/months';
import { DEFAULT_SEED, getDatasetModel } from './dataset';
import { createSimulator } from '../server';
import { runUsageQuery } from '../cost-explorer/usage-query';

const MARCH_2026 = 2026 * 12 + 2;
const HEX24 = /^[0-9a-f]{24}$/;

describe('the demo dataset', () => {
  const { dataset } = getDatasetModel(DEFAULT_SEED, 1, MARCH_2026);

  it('is a paying organization with two linked organizations', () => {
    expect(dataset.orgs).toHaveLength(3);
    const [paying, ...linked] = dataset.orgs;
    expect(paying?.linkedOrgIds).toEqual(linked.map((o) => o.id));
    for (const org of linked) expect(org.payingOrgId).toBe(paying?.id);
  });

  it('has tens of projects and hundreds of clusters, about a tenth of them deleted', () => {
    expect(dataset.projects.length).toBeGreaterThanOrEqual(30);
    expect(dataset.projects.length).toBeLessThanOrEqual(40);
    expect(dataset.clusters.length).toBeGreaterThanOrEqual(220);
    expect(dataset.clusters.length).toBeLessThanOrEqual(300);
    const deletedShare = dataset.clusters.filter((c) => c.deleted).length / dataset.clusters.length;
    expect(deletedShare).toBeGreaterThan(0.06);
    expect(deletedShare).toBeLessThan(0.15);
  });

  it('uses 24-hex ids and readable names', () => {
    const ids = [...dataset.orgs, ...dataset.projects, ...dataset.clusters].map((x) => x.id);
    expect(ids.every((id) => HEX24.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dataset.projects)
      expect(p.name).toMatch(/^[a-z-]+-(prod|staging|dev|qa)(-\d+)?$/);
    for (const c of dataset.clusters) expect(c.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
  });

  it('keeps live cluster names unique within a project (a deleted one may share its name)', () => {
    const live = dataset.clusters.filter((c) => !c.deleted).map((c) => `${c.projectId}/${c.name}`);
    expect(new Set(live).size).toBe(live.length);
  });

  it('is identical for the same seed and different for another seed', () => {
    const again = createSimulator({ now: () => new Date('2026-03-20T00:00:00Z') }).dataset;
    expect(again).toEqual(dataset);
    const other = getDatasetModel(DEFAULT_SEED + 1, 1, MARCH_2026).dataset;
    expect(other.payingOrgId).not.toBe(dataset.payingOrgId);
  });

  it('keeps the same ids and names from one month to the next', () => {
    const april = getDatasetModel(DEFAULT_SEED, 1, MARCH_2026 + 1).dataset;
    expect(april.clusters.map((c) => [c.id, c.name])).toEqual(
      dataset.clusters.map((c) => [c.id, c.name]),
    );
    expect(april.anchorMonth).toBe('2026-04-01');
  });

  it('prices an M10 at about $57 and an M30 at about $389 a month', () => {
    const model = getDatasetModel(DEFAULT_SEED, 1, MARCH_2026);
    const monthly = (size: string) => {
      const cluster = dataset.clusters.find(
        (c) =>
          c.instanceSizeName === size &&
          c.numShards === 1 &&
          !c.deleted &&
          c.createDate < '2025-01',
      );
      const rows = runUsageQuery(
        model,
        cluster?.orgId ?? '',
        {
          startDate: '2026-01-01',
          endDate: '2026-02-01',
          organizations: [],
          projects: [],
          clusters: [cluster?.id ?? ''],
          services: ['Clusters'],
          includePartialMatches: false,
        },
        new Date('2026-03-15T00:00:00Z'),
      );
      return rows[0]?.usageAmount ?? 0;
    };
    expect(monthly('M10')).toBeGreaterThan(57 * 0.9);
    expect(monthly('M10')).toBeLessThan(57 * 1.1);
    expect(monthly('M30')).toBeGreaterThan(389 * 0.9);
    expect(monthly('M30')).toBeLessThan(389 * 1.1);
  });

  it('reaches 100,000+ rows for a full-window clusters-grouped query at scale 50', () => {
    const big = getDatasetModel(DEFAULT_SEED, 50, MARCH_2026);
    const rows = runUsageQuery(
      big,
      big.dataset.payingOrgId,
      {
        startDate: monthFromIndex(MARCH_2026 - 18),
        endDate: monthFromIndex(MARCH_2026 + 1),
        organizations: [],
        projects: [],
        clusters: big.dataset.clusters.map((c) => c.id),
        services: [],
        groupBy: 'clusters',
        includePartialMatches: false,
      },
      new Date('2026-03-15T00:00:00Z'),
    );
    expect(big.dataset.clusters.length).toBeGreaterThan(10_000);
    expect(rows.length).toBeGreaterThan(100_000);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, getDatasetModel } from '../dataset/dataset';
import { simulatorProfile, SIMULATOR_PROFILES, type SimulatorProfileName } from '../profiles';
import { createSimulator } from '../server';
import { ATLAS_CSV, startSession, usagePath, type Session } from '../testing/atlas';
import { unfilteredQuery } from '../testing/usage-queries';
import { runUsageQuery, type UsageQuery, type UsageRow } from './usage-query';

// The fake clock says 2026-03-15; the dataset's history starts 23 months earlier.
const MARCH_2026 = 2026 * 12 + 2;
const model = getDatasetModel(DEFAULT_SEED, 1, MARCH_2026);
const { dataset } = model;
const NOW = new Date('2026-03-15T12:00:00.000Z');
const BODY = { startDate: '2025-10-01', endDate: '2026-01-01' };
const projectIds = dataset.projects.map((p) => p.id);
const clusterIds = dataset.clusters.map((c) => c.id);

const cents = (rows: UsageRow[]) =>
  rows.reduce((sum, r) => sum + Math.round(r.usageAmount * 100), 0);

function run(name: SimulatorProfileName, over: Partial<UsageQuery> = {}): UsageRow[] {
  const query = unfilteredQuery({ ...BODY, ...over });
  return runUsageQuery(model, dataset.payingOrgId, query, NOW, simulatorProfile(name));
}

describe('simulator profiles', () => {
  let h: Session | undefined;
  afterEach(async () => {
    await h?.sim.close();
    h = undefined;
  });
  async function start(profile: SimulatorProfileName = 'default'): Promise<Session> {
    h = await startSession({ profile });
    return h;
  }

  async function result(profile: SimulatorProfileName, body: object): Promise<UsageRow[]> {
    const h = await start(profile);
    const res = await h.atlas(h.auth, usagePath(h.orgId, await h.createQuery(body)));
    return res.json<{ usageDetails: UsageRow[] }>().usageDetails;
  }

  it('are listed with default first, and an unknown name is refused', () => {
    expect(SIMULATOR_PROFILES[0]).toBe('default');
    expect(SIMULATOR_PROFILES).toContain('all-unknowns');
    expect(() => createSimulator({ profile: 'nope' as SimulatorProfileName })).toThrow(
      /Unknown simulator profile nope/,
    );
  });

  it('group-id-keys names projects groupId/groupName and clusters clusterId', async () => {
    const rows = await result('group-id-keys', {
      ...BODY,
      groupBy: 'clusters',
      clusters: clusterIds,
    });
    expect(rows.length).toBeGreaterThan(0);
    const names = new Map(dataset.projects.map((p) => [p.id, p.name]));
    const clusters = new Map(dataset.clusters.map((c) => [c.id, c]));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        'clusterId',
        'clusterName',
        'groupId',
        'groupName',
        'invoiceId',
        'organizationId',
        'organizationName',
        'usageAmount',
        'usageDate',
      ]);
      expect(row.groupName).toBe(names.get(row.groupId ?? ''));
      expect(clusters.get(row.clusterId ?? '')?.projectId).toBe(row.groupId);
    }
  });

  it('group-id-keys keeps the CSV columns of the spec, filled from the other spelling', async () => {
    const h = await start('group-id-keys');
    const token = await h.createQuery({ ...BODY, groupBy: 'clusters', clusters: clusterIds });
    const json = await h.atlas(h.auth, usagePath(h.orgId, token));
    const first = json.json<{ usageDetails: UsageRow[] }>().usageDetails[0];
    const csv = await h.atlas(h.auth, usagePath(h.orgId, token), {
      headers: { accept: ATLAS_CSV },
    });
    const cells = csv.text.split('\n')[1]?.split(',');
    expect(cells?.[5]).toBe(first?.groupId);
    expect(cells?.[7]).toBe(first?.clusterId);
  });

  it('service-on-clusters splits cluster rows per service without changing any amount', () => {
    const query = { groupBy: 'clusters', clusters: clusterIds } as const;
    const split = run('service-on-clusters', query);
    const whole = run('default', query);
    expect(split.every((r) => typeof r.service === 'string')).toBe(true);
    expect(split.length).toBeGreaterThan(whole.length);
    const sums = new Map<string, number>();
    for (const r of split) {
      const key = `${r.usageDate}|${r.clusterUniqueId}`;
      sums.set(key, (sums.get(key) ?? 0) + Math.round(r.usageAmount * 100));
    }
    for (const r of whole) {
      expect(sums.get(`${r.usageDate}|${r.clusterUniqueId}`)).toBe(Math.round(r.usageAmount * 100));
    }
  });

  it('lenient-window answers a start older than 18 months, with no rows before the data', async () => {
    const old = { startDate: '2023-01-01', endDate: '2024-07-01' };
    const strict = await start();
    expect((await strict.atlas(strict.auth, usagePath(strict.orgId), { body: old })).status).toBe(
      400,
    );
    await strict.sim.close();
    const rows = await result('lenient-window', old);
    const months = [...new Set(rows.map((r) => r.usageDate))].sort();
    expect(months[0]).toBe(dataset.firstMonth);
    expect(months.at(-1)).toBe('2024-06-01');
  });

  describe('orphan-charges', () => {
    const orgless = (rows: UsageRow[]) => rows.filter((r) => r.organizationId === undefined);
    const serviceless = (rows: UsageRow[]) => rows.filter((r) => r.service === undefined);

    it('bills charges without an organization and charges without a service', () => {
      const rows = run('orphan-charges');
      expect(orgless(rows).length).toBeGreaterThan(0);
      expect(orgless(rows).every((r) => r.service === 'Support' && r.invoiceId)).toBe(true);
      expect(serviceless(rows).length).toBeGreaterThan(0);
      expect(serviceless(rows).every((r) => r.organizationId !== undefined)).toBe(true);
    });

    const both = (rows: UsageRow[]) => [...orgless(rows), ...serviceless(rows)];
    it.each([
      ['organizations', { organizations: [dataset.payingOrgId] }, orgless],
      ['projects', { projects: projectIds }, both],
      ['clusters', { clusters: clusterIds }, both],
      ['services', { services: ['Clusters', 'Support'] }, serviceless],
    ])(
      'lets those without a value through a %s filter only as partial matches',
      (_, filter, lacking) => {
        const strict = run('orphan-charges', filter);
        const partial = run('orphan-charges', { ...filter, includePartialMatches: true });
        expect(lacking(strict)).toEqual([]);
        expect(lacking(partial).length).toBeGreaterThan(0);
      },
    );

    it('sums to the same total under every groupBy of the same filter', () => {
      const filter = {
        organizations: [dataset.payingOrgId],
        projects: projectIds,
        clusters: clusterIds,
        services: ['Clusters', 'Support', 'Storage'],
        includePartialMatches: true,
      };
      const totals = [undefined, 'organizations', 'projects', 'clusters', 'services'].map(
        (groupBy) => cents(run('orphan-charges', { ...filter, groupBy } as Partial<UsageQuery>)),
      );
      expect(new Set(totals).size).toBe(1);
      expect(totals[0]).toBeGreaterThan(cents(run('default', filter)));
    });

    it('serves the unattributed rows over HTTP without the missing keys', async () => {
      const rows = await result('orphan-charges', BODY);
      expect(orgless(rows)[0]).not.toHaveProperty('organizationName');
      expect(serviceless(rows)[0]).not.toHaveProperty('service');
    });
  });
});

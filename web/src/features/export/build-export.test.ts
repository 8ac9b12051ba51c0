import type { UsageRow } from '@ace/bff/contract';
import { describe, expect, it } from 'vitest';
import { buildExport, type ExportInput } from './build-export';

const C1 = '5f0000010000000000000001';
const usage: UsageRow[] = [
  {
    usageDate: '2025-01-01',
    usageAmount: 1234.5,
    usageAmountCents: 123450,
    clusterId: C1,
    clusterName: 'orders-eu-1',
    projectId: 'bbbbbbbbbbbbbbbbbbbbbbb1',
    projectName: 'Shop',
    organizationId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    organizationName: 'Acme',
  },
  {
    usageDate: '2025-02-01',
    usageAmount: 0.1,
    usageAmountCents: 10,
    clusterId: '5f0000020000000000000002',
    clusterName: '=cmd',
    projectId: 'bbbbbbbbbbbbbbbbbbbbbbb1',
    projectName: 'Shop',
    organizationId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  },
];
const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const done = {
  orgId: ORG,
  query: {
    orgId: ORG,
    period: { kind: 'months' as const, first: '2025-01-01', last: '2025-02-01' },
    filters: { organizations: [], projects: [], clusters: [C1], services: [] },
    groupBy: 'clusters' as const,
    includePartialMatches: false,
    view: {},
  },
  months: { first: '2025-01-01', last: '2025-02-01' },
  organizations: [ORG],
};

function input(): ExportInput {
  return {
    // The results feature's pivot of `usage` (features do not import each other).
    pivot: {
      dimension: 'clusters',
      months: [{ month: '2025-01-01' }, { month: '2025-02-01' }],
      rows: [
        {
          id: C1,
          name: 'orders-eu-1',
          label: 'orders-eu-1',
          deleted: false,
          unattributed: false,
          cells: [123450, null],
          totalCents: 123450,
        },
        {
          id: '5f0000020000000000000002',
          name: '=cmd',
          label: '=cmd',
          deleted: false,
          unattributed: false,
          cells: [null, 10],
          totalCents: 10,
        },
      ],
      grandTotalCents: 123460,
    },
    rows: usage,
    directory: undefined,
    source: {
      orgName: 'Acme',
      done,
      trail: undefined,
      now: new Date('2025-02-10T00:00:00Z'),
      generatedAt: new Date('2025-02-10T12:00:00Z'),
    },
  };
}

const lines = (content: string) => content.replace(/^\uFEFF/, '').split('\r\n');

describe('buildExport', () => {
  it('writes the pivot with the query that produced it on top, numbers raw', () => {
    const built = buildExport('pivot-csv', input());
    expect(built.fileName).toBe('atlas-cost-by-cluster-2025-01_2025-02.csv');
    expect(built.content.startsWith('\uFEFF# export,Cost by cluster and month\r\n')).toBe(true);
    const all = lines(built.content);
    expect(all).toContain('# months (inclusive),2025-01 to 2025-02');
    // The months people see and the filters; nothing of Atlas's own request body.
    expect(all.filter((line) => line.startsWith('# ')).map((line) => line.split(',')[0])).toEqual([
      '# export',
      '# organization',
      '# organization_id',
      '# months (inclusive)',
      '# organizations_covered',
      '# group_by',
      '# filter_organizations',
      '# filter_projects',
      '# filter_clusters',
      '# filter_services',
      '# include_partial_matches',
      '# month_to_date (provisional)',
      '# may_still_change',
      '# currency',
      '# number_format',
      '# rows',
      '# grand_total_usd',
      '# generated_at',
    ]);
    expect(all).toContain(`# organizations_covered,${ORG}`);
    expect(all).toContain('# group_by,clusters');
    expect(all).toContain(`# filter_clusters,${C1}`);
    expect(all).toContain('# include_partial_matches,false');
    expect(all).toContain('# month_to_date (provisional),2025-02');
    expect(all).toContain('# may_still_change,2025-01');
    expect(all).toContain('# grand_total_usd,1234.60');
    expect(all).toContain('# generated_at,2025-02-10T12:00:00.000Z');
    const data = all.slice(all.indexOf('cluster_id,cluster,deleted,2025-01,2025-02,total_usd'));
    expect(data).toEqual([
      'cluster_id,cluster,deleted,2025-01,2025-02,total_usd',
      `${C1},orders-eu-1,false,1234.50,,1234.50`,
      "5f0000020000000000000002,'=cmd,false,,0.10,0.10",
      '',
    ]);
  });

  // The second row has no organization name: the name the id has elsewhere fills it in.
  it('writes every usage row with ids and names apart, and copies TSV without a header', () => {
    const csv = lines(buildExport('detail-csv', input()).content);
    const columns =
      'month,organization_id,organization,project_id,project,project_deleted,cluster_id,cluster,cluster_deleted,service,invoice_id,amount_usd';
    expect(csv.slice(csv.indexOf(columns) + 1, -1)).toEqual([
      `2025-01,aaaaaaaaaaaaaaaaaaaaaaaa,Acme,bbbbbbbbbbbbbbbbbbbbbbb1,Shop,false,${C1},orders-eu-1,false,,,1234.50`,
      "2025-02,aaaaaaaaaaaaaaaaaaaaaaaa,Acme,bbbbbbbbbbbbbbbbbbbbbbb1,Shop,false,5f0000020000000000000002,'=cmd,false,,,0.10",
    ]);
    const tsv = buildExport('pivot-tsv', input()).content.split('\n');
    expect(tsv[0]).toBe('cluster_id\tcluster\tdeleted\t2025-01\t2025-02\ttotal_usd');
  });
});

import type { UsageRow } from './usage-types';

/**
 * The CSV form of a result (`Accept: application/vnd.atlas.2023-01-01+csv`). The columns are
 * exactly the spec's CSV example's, so there is no Service column. That example is a
 * header/value dump, so the exact layout (one header line, RFC 4180 quoting, LF line ends, empty
 * cells for missing keys) is [UNVERIFIED]. The columns do not change with the profile's JSON
 * spelling of project and cluster keys.
 */
export const CSV_COLUMNS: ReadonlyArray<readonly [string, (row: UsageRow) => string | undefined]> =
  [
    ['Billed Date', (r) => r.usageDate],
    ['Invoice Id', (r) => r.invoiceId],
    ['Organization Name', (r) => r.organizationName],
    ['Organization ID', (r) => r.organizationId],
    ['Project Name', (r) => r.projectName ?? r.groupName],
    ['Project Id', (r) => r.projectId ?? r.groupId],
    ['Cluster Name', (r) => r.clusterName],
    ['Cluster Unique Id', (r) => r.clusterUniqueId ?? r.clusterId],
    ['Usage Amount', (r) => r.usageAmount.toFixed(2)],
  ];

const quote = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export function toCsv(rows: readonly UsageRow[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map(([, get]) => quote(get(row) ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

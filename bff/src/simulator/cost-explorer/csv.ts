import type { UsageRow } from './usage-types';

/**
 * The CSV form of a result (`Accept: application/vnd.atlas.2023-01-01+csv`). Column names come
 * from the spec's CSV example; that example is a header/value dump, so the exact layout (one
 * header line, RFC 4180 quoting, LF line ends, empty cells for missing keys) is [UNVERIFIED].
 */
const COLUMNS: ReadonlyArray<readonly [string, (row: UsageRow) => string | undefined]> = [
  ['Billed Date', (r) => r.usageDate],
  ['Invoice Id', (r) => r.invoiceId],
  ['Organization Name', (r) => r.organizationName],
  ['Organization ID', (r) => r.organizationId],
  ['Project Name', (r) => r.projectName],
  ['Project Id', (r) => r.projectId],
  ['Cluster Name', (r) => r.clusterName],
  ['Cluster Unique Id', (r) => r.clusterUniqueId],
  ['Service', (r) => r.service],
  ['Usage Amount', (r) => r.usageAmount.toFixed(2)],
];

const quote = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export function toCsv(rows: readonly UsageRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, get]) => quote(get(row) ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

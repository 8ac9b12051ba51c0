import type { UsageRow } from '@ace/bff/contract';
import { labelEntity, type EntityLabel, type NameDirectory } from '../../lib/entity-names';
import { centsToDecimal } from '../../lib/money';
import { isoMonth, monthOfUsageDate } from '../../lib/months';
import { entityIdOf, entityOf, type Dimension } from '../../lib/usage-fields';
import type { SheetFormat } from './csv';
import { queryHeader, totalField, type ExportSource } from './query-header';

const COLUMNS = [
  'month',
  'organization_id',
  'organization',
  'project_id',
  'project',
  'project_deleted',
  'cluster_id',
  'cluster',
  'cluster_deleted',
  'service',
  'invoice_id',
  'amount_usd',
];

/** Resolves each distinct id once (100,000 rows name a few thousand things), escaped once. */
function namer(f: SheetFormat, directory: NameDirectory | undefined) {
  const cache = new Map<Dimension, Map<string, [string, string, string]>>();
  const none: [string, string, string] = ['', '', ''];
  return (row: UsageRow, dimension: Dimension): [id: string, name: string, deleted: string] => {
    const id = entityIdOf(row, dimension);
    if (id === undefined) return none;
    let known = cache.get(dimension);
    if (!known) {
      known = new Map();
      cache.set(dimension, known);
    }
    let fields = known.get(id);
    if (!fields) {
      const entity = entityOf(row, dimension) ?? { id, name: undefined };
      const label: EntityLabel = labelEntity(dimension, entity, directory, row.organizationId);
      fields = [f.text(label.id), f.text(label.name), String(label.deleted)];
      known.set(id, fields);
    }
    return fields;
  };
}

/** Every usage row: ISO month, ids and names side by side, the amount as a raw number. */
export function detailLines(
  f: SheetFormat,
  rows: readonly UsageRow[],
  directory?: NameDirectory,
): string[][] {
  const name = namer(f, directory);
  const months = new Map<string, string>();
  const out: string[][] = new Array<string[]>(rows.length + 1);
  out[0] = COLUMNS.map((c) => f.text(c));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let month = months.get(row.usageDate);
    if (month === undefined) {
      const start = monthOfUsageDate(row.usageDate);
      month = f.text(start ? isoMonth(start) : row.usageDate);
      months.set(row.usageDate, month);
    }
    const [orgId, orgName] = name(row, 'organizations');
    const [projectId, projectName, projectDeleted] = name(row, 'projects');
    const [clusterId, clusterName, clusterDeleted] = name(row, 'clusters');
    out[i + 1] = [
      month,
      orgId,
      orgName,
      projectId,
      projectName,
      projectDeleted,
      clusterId,
      clusterName,
      clusterDeleted,
      f.text(row.service),
      f.text(row.invoiceId),
      f.num(centsToDecimal(row.usageAmountCents)),
    ];
  }
  return out;
}

export function detailFileLines(
  f: SheetFormat,
  rows: readonly UsageRow[],
  directory: NameDirectory | undefined,
  source: ExportSource,
): string[][] {
  let total = 0;
  for (const row of rows) total += row.usageAmountCents;
  const header = queryHeader(f, source, 'Usage rows', [
    ['rows', f.num(String(rows.length))],
    ['grand_total_usd', totalField(f, total)],
  ]);
  return [...header, [], ...detailLines(f, rows, directory)];
}

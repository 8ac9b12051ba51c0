import { labelEntity, shortId, type NameDirectory } from '../../lib/entity-names';
import type { Dimension } from '../../lib/usage-fields';
import type { PivotGroup, PivotRow } from './pivot-types';

export const UNATTRIBUTED = 'Unattributed';
/** Cannot collide with an Atlas id or name. */
export const UNATTRIBUTED_KEY = '\u0000unattributed';

/** One group's row: totals, and the label (name, or id; deleted ones marked). */
export function toPivotRow(
  key: string,
  group: PivotGroup,
  dimension: Dimension,
  directory: NameDirectory | undefined,
): PivotRow {
  let totalCents = 0;
  for (const cents of group.cells) totalCents += cents ?? 0;
  const base = { key, organizationId: group.organizationId, cells: group.cells, totalCents };
  if (!group.entity) {
    return {
      ...base,
      id: undefined,
      label: UNATTRIBUTED,
      name: undefined,
      deleted: false,
      unattributed: true,
    };
  }
  const { id, label, name, deleted } = labelEntity(
    dimension,
    group.entity,
    directory,
    group.organizationId,
  );
  return { ...base, id, label, name, deleted, unattributed: false };
}

function countLabels(rows: PivotRow[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.label, (seen.get(row.label) ?? 0) + 1);
  return seen;
}

/**
 * Cluster names are unique only within a project (and recreated clusters reuse them): a name
 * that occurs twice gets its project ("orders-eu-1 · shop"), and if that is not enough, its id.
 */
export function disambiguate(rows: PivotRow[], groups: Map<string, PivotGroup>): void {
  let seen = countLabels(rows);
  for (const row of rows) {
    const parent = groups.get(row.key)?.parentName;
    if (row.id && (seen.get(row.label) ?? 0) > 1 && parent) row.label = `${row.label} · ${parent}`;
  }
  seen = countLabels(rows);
  for (const row of rows) {
    if (row.id && !row.deleted && (seen.get(row.label) ?? 0) > 1 && row.id !== row.label) {
      row.label = `${row.label} · ${shortId(row.id)}`;
    }
  }
}

/** Biggest cost first; Unattributed last; ties by name, so the order is stable. */
export function compareRows(a: PivotRow, b: PivotRow): number {
  return (
    Number(a.unattributed) - Number(b.unattributed) ||
    b.totalCents - a.totalCents ||
    (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)
  );
}

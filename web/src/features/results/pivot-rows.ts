import { labelEntity, shortId, type NameDirectory } from '../../lib/entity-names';
import type { Dimension } from '../../lib/usage-fields';
import type { CostSummaryGroup } from '@ace/bff/contract';
import type { PivotRow } from './pivot-types';

export const UNATTRIBUTED = 'Unattributed';
/** Cannot collide with an Atlas id or name. */
export const UNATTRIBUTED_KEY = '\u0000unattributed';

/** One group's row, its total already summed: the label (name, or id; deleted ones marked). */
export function toPivotRow(
  group: CostSummaryGroup,
  totalCents: number,
  dimension: Dimension,
  directory: NameDirectory | undefined,
): PivotRow {
  const { cells, organizationId } = group;
  if (group.id === undefined) {
    return {
      key: UNATTRIBUTED_KEY,
      id: undefined,
      label: UNATTRIBUTED,
      name: undefined,
      deleted: false,
      unattributed: true,
      organizationId,
      cells,
      totalCents,
    };
  }
  const entity = { id: group.id, name: group.name };
  const { id, label, name, deleted } = labelEntity(dimension, entity, directory, organizationId);
  // Every field in the same order as above: one object shape for every row.
  return {
    key: group.id,
    id,
    label,
    name,
    deleted,
    unattributed: false,
    organizationId,
    cells,
    totalCents,
  };
}

/** The labels that more than one row has (none, mostly: then nothing else is done). */
function clashingLabels(rows: readonly PivotRow[]): Set<string> {
  const seen = new Set<string>();
  const clashing = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.label)) clashing.add(row.label);
    else seen.add(row.label);
  }
  return clashing;
}

/**
 * Cluster names are unique only within a project (and recreated clusters reuse them): a name
 * that occurs twice gets its project ("orders-eu-1 · shop"), and if that is not enough, its id.
 * `parents[i]` is what tells `rows[i]` apart (a cluster's project, a project's organization).
 */
export function disambiguate(rows: PivotRow[], parents: readonly (string | undefined)[]): void {
  let clashing = clashingLabels(rows);
  if (clashing.size === 0) return;
  rows.forEach((row, i) => {
    const parent = parents[i];
    if (row.id && parent && clashing.has(row.label)) row.label = `${row.label} · ${parent}`;
  });
  clashing = clashingLabels(rows);
  for (const row of rows) {
    if (row.id && !row.deleted && clashing.has(row.label) && row.id !== row.label) {
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

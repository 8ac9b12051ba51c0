import { DIMENSION_NOUN, type Dimension, type EntityRef } from './usage-fields';

/**
 * What the page knows about ids from Atlas's current lists (organizations, projects, clusters).
 * `find` answers a name when the id is listed, `null` when the lists are loaded and the id is
 * not in them (deleted since), and `undefined` when it cannot tell (still loading, failed, or a
 * dimension without a list): only a loaded list may call something deleted. `orgId` is the
 * row's organization: lists are per organization, and a linked organization's may be unknown.
 */
export interface NameDirectory {
  find(dimension: Dimension, id: string, orgId: string | undefined): string | null | undefined;
}

export interface EntityLabel {
  id: string;
  /** Atlas's name, from the row or else from the lists; undefined when neither has one. */
  name: string | undefined;
  /** What the page shows: the name, the id when there is none, marked when deleted. */
  label: string;
  deleted: boolean;
}

/** Enough of an ObjectId to tell two apart (its first 4 bytes are the creation second). */
export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

/**
 * An id and its name → what to show. Rows carry names from Atlas; the lists fill in missing
 * ones. Ids that no longer resolve stay, marked: "orders-eu-7 (deleted) · 5f3c9a1e…".
 */
export function labelEntity(
  dimension: Dimension,
  entity: EntityRef,
  directory: NameDirectory | undefined,
  orgId: string | undefined,
): EntityLabel {
  const { id } = entity;
  if (dimension === 'services') {
    return { id, name: entity.name, label: entity.name ?? id, deleted: false };
  }
  const listed = directory?.find(dimension, id, orgId);
  const name = entity.name ?? listed ?? undefined;
  if (listed === null) {
    const shown = name ?? `Unknown ${DIMENSION_NOUN[dimension]}`;
    return { id, name, label: `${shown} (deleted) · ${shortId(id)}`, deleted: true };
  }
  return { id, name, label: name ?? id, deleted: false };
}

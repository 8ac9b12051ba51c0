import type { MonthStart } from '../../lib/months';
import type { Dimension } from '../../lib/usage-fields';

/** The pivot's shapes, on their own so that the builder and the row helpers share them. */

export interface PivotRow {
  key: string;
  /** The group's Atlas id (a service's name); undefined for Unattributed. */
  id: string | undefined;
  label: string;
  /** Atlas's name for the group (from the rows, else from the lists), undecorated. */
  name: string | undefined;
  /** The id no longer resolves in Atlas's lists (a deleted cluster or project). */
  deleted: boolean;
  /** Usage without a value for the dimension (a partial match: support, credits …). */
  unattributed: boolean;
  /** The organization of the group's first row: drilling into a project needs it. */
  organizationId: string | undefined;
  /** Integer cents per column; null where no usage row exists (shown as a dash, not $0.00). */
  cells: (number | null)[];
  totalCents: number;
}

export interface PivotMonth {
  month: MonthStart;
  label: string;
  totalCents: number;
}

export interface CostPivot {
  /** The query's group-by, or services when it has none (Atlas's rows are per service then). */
  dimension: Dimension;
  months: PivotMonth[];
  rows: PivotRow[];
  grandTotalCents: number;
  /** Rows whose usageDate could not be read: counted here rather than silently dropped. */
  unreadable: { rows: number; cents: number };
}

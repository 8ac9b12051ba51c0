import type { UsageRow } from '@ace/bff/contract';
import { labelEntity, type NameDirectory } from '../../lib/entity-names';
import { formatMonth, monthOfUsageDate } from '../../lib/months';
import { entityIdOf, entityOf, type Dimension } from '../../lib/usage-fields';
import { sortIndices } from '../../lib/sort-indices';

export const DETAIL_COLUMNS = [
  'month',
  'organization',
  'project',
  'cluster',
  'service',
  'amount',
] as const;
export type DetailColumn = (typeof DETAIL_COLUMNS)[number];
export type TextColumn = Exclude<DetailColumn, 'amount'>;

const DIMENSION_OF: Record<Exclude<TextColumn, 'month'>, Dimension> = {
  organization: 'organizations',
  project: 'projects',
  cluster: 'clusters',
  service: 'services',
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Every usage row with names resolved, sortable and filterable in a few tens of milliseconds
 * at 100,000 rows: labels are resolved once per distinct id, sort keys are integer ranks built
 * on first use, and sorting moves indices, never rows.
 */
export class DetailModel {
  readonly size: number;
  /** Per dimension: id → label (an id names one thing, whichever row it is on). */
  private readonly labels = new Map<Dimension, Map<string, string>>();
  private readonly months = new Map<string, string>();
  private readonly ranks = new Map<TextColumn, Int32Array>();
  private haystack: string[] | null = null;

  constructor(
    readonly rows: readonly UsageRow[],
    private readonly directory?: NameDirectory,
  ) {
    this.size = rows.length;
  }

  cents(index: number): number {
    return this.rows[index]?.usageAmountCents ?? 0;
  }

  /** What a cell shows: a resolved name ("" when the row has none), or the month label. */
  text(column: TextColumn, index: number): string {
    const row = this.rows[index];
    if (!row) return '';
    if (column === 'month') return this.monthLabel(row.usageDate);
    const dimension = DIMENSION_OF[column];
    const id = entityIdOf(row, dimension);
    if (id === undefined) return '';
    let labels = this.labels.get(dimension);
    if (!labels) {
      labels = new Map();
      this.labels.set(dimension, labels);
    }
    let label = labels.get(id);
    if (label === undefined) {
      const entity = entityOf(row, dimension) ?? { id, name: undefined };
      label = labelEntity(dimension, entity, this.directory, row.organizationId).label;
      labels.set(id, label);
    }
    return label;
  }

  /** Row indices in display order: filtered by `filter` (any column contains it), then sorted. */
  order(sort: { column: DetailColumn; desc: boolean } | null, filter: string): Int32Array {
    const needle = filter.trim().toLowerCase();
    let indices: Int32Array;
    if (needle) {
      const haystack = this.searchText();
      const kept: number[] = [];
      for (let i = 0; i < haystack.length; i++) if (haystack[i]!.includes(needle)) kept.push(i);
      indices = Int32Array.from(kept);
    } else {
      indices = new Int32Array(this.size);
      for (let i = 0; i < this.size; i++) indices[i] = i;
    }
    if (!sort) return indices;
    if (sort.column === 'amount') return sortIndices(indices, (i) => this.cents(i), sort.desc);
    const rank = this.rankOf(sort.column);
    return sortIndices(indices, (i) => rank[i]!, sort.desc);
  }

  private monthLabel(usageDate: string): string {
    let label = this.months.get(usageDate);
    if (label === undefined) {
      const month = monthOfUsageDate(usageDate);
      label = month ? formatMonth(month) : usageDate;
      this.months.set(usageDate, label);
    }
    return label;
  }

  /** Each row's position among the column's distinct values, in locale order (months by date). */
  private rankOf(column: TextColumn): Int32Array {
    let rank = this.ranks.get(column);
    if (rank) return rank;
    const values = new Array<string>(this.size);
    for (let i = 0; i < this.size; i++) {
      values[i] = column === 'month' ? (this.rows[i]?.usageDate ?? '') : this.text(column, i);
    }
    const sorted = [...new Set(values)].sort(column === 'month' ? undefined : collator.compare);
    const position = new Map(sorted.map((v, i) => [v, i]));
    rank = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) rank[i] = position.get(values[i]!) ?? 0;
    this.ranks.set(column, rank);
    return rank;
  }

  private searchText(): string[] {
    if (!this.haystack) {
      const columns: TextColumn[] = ['month', 'organization', 'project', 'cluster', 'service'];
      this.haystack = this.rows.map((_, i) =>
        columns
          .map((c) => this.text(c, i))
          .join('\u0001')
          .toLowerCase(),
      );
    }
    return this.haystack;
  }
}

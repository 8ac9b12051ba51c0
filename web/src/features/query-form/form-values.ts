import type { GroupBy } from '@ace/bff/contract';
import type { MonthRangeValue } from '../../components/form/form-month-range';
import { defaultMonthRange } from '../../lib/months';

export type GroupByChoice = GroupBy | 'none';

/** What the form holds: names of fields match the labels, not Atlas's body. */
export interface QueryFormValues {
  orgId: string;
  /** Inclusive: [first month, last month], both `YYYY-MM-01` as Mantine gives them. */
  months: MonthRangeValue;
  projects: string[];
  clusters: string[];
  services: string[];
  groupBy: GroupByChoice;
  includePartialMatches: boolean;
}

export type QueryFormField = keyof QueryFormValues;

export const GROUP_BY_OPTIONS: { value: GroupByChoice; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'organizations', label: 'Organizations' },
  { value: 'projects', label: 'Projects' },
  { value: 'clusters', label: 'Clusters' },
  { value: 'services', label: 'Services' },
];

/** Singular nouns for messages ("needs at least one cluster"). */
export const GROUP_NOUN: Record<GroupBy, string> = {
  organizations: 'organization',
  projects: 'project',
  clusters: 'cluster',
  services: 'service',
};

export function defaultQueryFormValues(now: Date): QueryFormValues {
  return {
    orgId: '',
    months: defaultMonthRange(now),
    projects: [],
    clusters: [],
    services: [],
    groupBy: 'none',
    includePartialMatches: false,
  };
}

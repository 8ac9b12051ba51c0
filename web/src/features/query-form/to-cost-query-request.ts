import type { CostQueryRequest } from '@ace/bff/contract';
import { exclusiveEndOf } from '../../lib/months';
import type { QueryFormField, QueryFormValues } from './form-values';

/** Not yet validated: a missing month stays undefined so the contract names the field. */
export type CostQueryDraft = Partial<CostQueryRequest>;

/**
 * Form → Atlas's filter body. The end month becomes the EXCLUSIVE endDate, empty lists are
 * left out (Atlas rejects nothing for them, but an empty list would read as "none").
 */
export function toCostQueryRequest(values: QueryFormValues): CostQueryDraft {
  const [first, last] = values.months;
  const request: CostQueryDraft = {
    startDate: first ?? undefined,
    endDate: last ? exclusiveEndOf(last) : undefined,
  };
  // The org is in the URL; Atlas only needs it in the body to group by organizations
  // ("at least one filter value needs to be provided for a dimension to be used").
  if (values.groupBy === 'organizations' && values.orgId) request.organizations = [values.orgId];
  if (values.projects.length > 0) request.projects = values.projects;
  if (values.clusters.length > 0) request.clusters = values.clusters;
  if (values.services.length > 0)
    request.services = values.services as CostQueryRequest['services'];
  if (values.groupBy !== 'none') request.groupBy = values.groupBy;
  if (values.includePartialMatches) request.includePartialMatches = true;
  return request;
}

const FIELD_OF_REQUEST_KEY: Record<string, QueryFormField> = {
  startDate: 'months',
  endDate: 'months',
  organizations: 'orgId',
  projects: 'projects',
  clusters: 'clusters',
  services: 'services',
  groupBy: 'groupBy',
  includePartialMatches: 'includePartialMatches',
};

const SUBJECT_OF_REQUEST_KEY: Record<string, string> = {
  startDate: 'The first month',
  endDate: 'The end of the range',
  organizations: 'The organization',
  projects: 'Projects',
  clusters: 'Clusters',
  services: 'Services',
  groupBy: 'Group by',
  includePartialMatches: 'The partial-match switch',
};

export interface FormFieldError {
  /** A form field, or undefined when the problem concerns the whole query. */
  field: QueryFormField | undefined;
  message: string;
}

/**
 * A contract or server error path (`clusters.3`, `["endDate"]`) → the form field that shows it,
 * with the contract's predicate ("must be …") turned into a sentence.
 */
export function toFormFieldError(
  path: string | readonly PropertyKey[],
  message: string,
): FormFieldError {
  const parts = typeof path === 'string' ? path.split('.').filter(Boolean) : path.map(String);
  const [key, index] = parts;
  const field = key ? FIELD_OF_REQUEST_KEY[key] : undefined;
  if (!key || !field) return { field: undefined, message };
  if (key === 'startDate' && message === 'is required') {
    return { field, message: 'Choose the first and the last month' };
  }
  if (key === 'endDate' && message === 'is required') {
    return { field, message: 'Choose the last month too' };
  }
  const subject = SUBJECT_OF_REQUEST_KEY[key] ?? key;
  const item = index !== undefined && /^\d+$/.test(index) ? ` (item ${Number(index) + 1})` : '';
  return { field, message: `${subject}${item} ${message}` };
}

/** The controls a problem can be shown on (paths into the form's DashboardDraft). */
export type QueryFormField =
  | 'orgId'
  | 'period'
  | 'filters.projects'
  | 'filters.clusters'
  | 'filters.services'
  | 'groupBy'
  | 'includePartialMatches';

/**
 * Where each part of the question is shown, and how a message about it starts. The BFF names
 * the question's own paths (`period.first`, `filters.clusters.3`), and `projects`/`clusters`
 * when it cannot fill a group-by (see the contract's POST).
 */
const PLACES: [path: string, field: QueryFormField, subject: string][] = [
  ['orgId', 'orgId', 'The organization'],
  ['period.first', 'period', 'The first month'],
  ['period.last', 'period', 'The last month'],
  ['period', 'period', 'The months'],
  ['filters.organizations', 'orgId', 'The organizations'],
  ['filters.projects', 'filters.projects', 'Projects'],
  ['filters.clusters', 'filters.clusters', 'Clusters'],
  ['filters.services', 'filters.services', 'Services'],
  ['projects', 'filters.projects', 'Projects'],
  ['clusters', 'filters.clusters', 'Clusters'],
  ['services', 'filters.services', 'Services'],
  ['groupBy', 'groupBy', 'Group by'],
  ['includePartialMatches', 'includePartialMatches', 'The partial-match switch'],
];

export interface FormFieldError {
  /** A form field, or undefined when the problem concerns the whole query. */
  field: QueryFormField | undefined;
  message: string;
}

/**
 * A contract or server error path (`filters.clusters.3`, `["period", "first"]`) → the control
 * that shows it, with the contract's predicate ("must be …") turned into a sentence.
 */
export function toFormFieldError(
  path: string | readonly PropertyKey[],
  message: string,
): FormFieldError {
  const parts = typeof path === 'string' ? path.split('.').filter(Boolean) : path.map(String);
  const joined = parts.join('.');
  const place = PLACES.find(([prefix]) => joined === prefix || joined.startsWith(`${prefix}.`));
  if (!place) return { field: undefined, message };
  const [prefix, field, subject] = place;
  const index = parts[prefix.split('.').length];
  const item = index !== undefined && /^\d+$/.test(index) ? ` (item ${Number(index) + 1})` : '';
  return { field, message: `${subject}${item} ${message}` };
}

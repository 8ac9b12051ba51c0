import { monthIndex, RETENTION_MONTHS, retentionWindow } from '../../contract/months';
import { ATLAS_SERVICES } from '../../contract/services';
import { fail, type FieldViolation } from '../errors';
import type { GroupBy, UsageQuery } from './usage-types';

/**
 * Validates a `CostExplorerFilterRequestBody` the way Atlas does: unknown keys are rejected, ids
 * and services must match the spec's pattern and enum, dates are `format: date` and must be the
 * first of a month inside the 18-month retention window. The spec publishes no Cost Explorer
 * error codes, so codes and texts are [UNVERIFIED]: INVALID_ATTRIBUTE / MALFORMED_JSON are what
 * other Atlas endpoints answer; the rest is VALIDATION_ERROR with badRequestDetail.fields.
 *
 * `null` lists and `groupBy: ""` are accepted as "absent": a third-party client sent exactly that
 * (Go struct without omitempty) and apparently got results.
 */
const KEYS = [
  'startDate',
  'endDate',
  'organizations',
  'projects',
  'clusters',
  'services',
  'groupBy',
  'includePartialMatches',
] as const;
const GROUP_BY: readonly GroupBy[] = ['organizations', 'projects', 'clusters', 'services'];
const ID = /^([a-f0-9]{24})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * @param window `strict` refuses a start older than the 18-month window; `lenient` (a profile for
 *   the unverified alternative) accepts it and the query engine has no rows for those months.
 */
export function validateCreateBody(
  text: string,
  now: Date,
  window: 'strict' | 'lenient' = 'strict',
  retentionMonths = RETENTION_MONTHS,
): UsageQuery {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail(400, 'MALFORMED_JSON', 'Received JSON is malformed.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fail(400, 'VALIDATION_ERROR', 'The request body must be a JSON object.');
  }
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw fail(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${unknown[0]} specified.`, {
      parameters: [unknown[0]],
      fields: unknown.map((field) => ({ field, description: 'is not a recognised attribute' })),
    });
  }
  const problems: FieldViolation[] = [];
  const add = (field: string, description: string) => problems.push({ field, description });
  const startDate = checkDate(input.startDate, 'startDate', add);
  const endDate = checkDate(input.endDate, 'endDate', add);
  const isId = (v: string) => ID.test(v);
  const isService = (v: string) => (ATLAS_SERVICES as readonly string[]).includes(v);
  const hexId = 'a 24-character hexadecimal id';
  const organizations = checkList(input.organizations, 'organizations', add, isId, hexId);
  const projects = checkList(input.projects, 'projects', add, isId, hexId);
  const clusters = checkList(input.clusters, 'clusters', add, isId, hexId);
  const services = checkList(input.services, 'services', add, isService, 'a known service');
  let groupBy: GroupBy | undefined;
  if (input.groupBy !== undefined && input.groupBy !== null && input.groupBy !== '') {
    if (GROUP_BY.includes(input.groupBy as GroupBy)) groupBy = input.groupBy as GroupBy;
    else add('groupBy', `must be one of ${GROUP_BY.join(', ')}`);
  }
  const partial = input.includePartialMatches;
  if (partial !== undefined && partial !== null && typeof partial !== 'boolean') {
    add('includePartialMatches', 'must be a boolean');
  }
  if (startDate && endDate) {
    const { earliestStart, latestEnd } = retentionWindow(now, retentionMonths);
    if (monthIndex(endDate) <= monthIndex(startDate))
      add('endDate', 'must be after startDate (endDate is exclusive)');
    if (window === 'strict' && monthIndex(startDate) < monthIndex(earliestStart)) {
      add(
        'startDate',
        `must not be before ${earliestStart}: usage is kept for ${retentionMonths} months`,
      );
    }
    if (monthIndex(endDate) > monthIndex(latestEnd))
      add('endDate', `must not be after ${latestEnd}`);
  }
  if (groupBy) {
    const values = { organizations, projects, clusters, services }[groupBy];
    if (values.length === 0) add(groupBy, `needs at least one value to group by ${groupBy}`);
  }
  if (problems.length > 0 || !startDate || !endDate) {
    const detail = problems.map((p) => `${p.field} ${p.description}`).join('; ');
    throw fail(400, 'VALIDATION_ERROR', `Invalid Cost Explorer query: ${detail}.`, {
      fields: problems,
    });
  }
  return {
    startDate,
    endDate,
    organizations,
    projects,
    clusters,
    services,
    ...(groupBy && { groupBy }),
    includePartialMatches: partial === true,
  };
}

type Add = (field: string, description: string) => void;

function checkDate(value: unknown, field: string, add: Add): string | undefined {
  const problem = dateProblem(value);
  if (problem) add(field, problem);
  return problem ? undefined : (value as string);
}

function dateProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'is required';
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return 'must be a date (YYYY-MM-DD)';
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'must be a valid calendar date';
  }
  return d === 1 ? undefined : 'must be the start of a month (YYYY-MM-01)';
}

function checkList(
  value: unknown,
  field: string,
  add: Add,
  ok: (v: string) => boolean,
  what: string,
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    add(field, 'must be an array');
    return [];
  }
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !ok(item)) add(`${field}[${i}]`, `must be ${what}`);
  });
  return value.filter((item): item is string => typeof item === 'string' && ok(item));
}

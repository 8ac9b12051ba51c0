import { createHash } from 'node:crypto';
import type { CostQueryRequest } from '../contract';

/**
 * Two requests that ask Atlas the same question get the same key: ids and services sorted and
 * de-duplicated, empty lists dropped, `includePartialMatches: false` dropped (Atlas's default),
 * keys in one fixed order. The normalized query is also what the BFF sends to Atlas.
 */
export function normalizeQuery(query: CostQueryRequest): CostQueryRequest {
  const list = <T extends string>(values: T[] | undefined) =>
    values && values.length > 0 ? [...new Set(values)].sort() : undefined;
  const normalized: CostQueryRequest = { startDate: query.startDate, endDate: query.endDate };
  const organizations = list(query.organizations);
  const projects = list(query.projects);
  const clusters = list(query.clusters);
  const services = list(query.services);
  if (organizations) normalized.organizations = organizations;
  if (projects) normalized.projects = projects;
  if (clusters) normalized.clusters = clusters;
  if (services) normalized.services = services;
  if (query.groupBy) normalized.groupBy = query.groupBy;
  if (query.includePartialMatches) normalized.includePartialMatches = true;
  return normalized;
}

/** SHA-256 of the normalized query's JSON: short, fixed-length, and safe to index. */
export function queryKeyOf(normalized: CostQueryRequest): string {
  return createHash('sha256').update(JSON.stringify(normalized)).digest('base64url');
}

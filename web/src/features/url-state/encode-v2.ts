import { completePeriod } from '../../lib/dashboard-draft';
import type { LinkState } from './url-state';

/**
 * Writes version 2 of the dashboard link (`v=2`); decode-v2.ts reads it. Only the newest
 * version is ever written, every version is read. See docs/url-state.md.
 */

/** Lone UTF-16 surrogates cannot be percent-encoded (encodeURIComponent throws). */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const enc = encodeURIComponent;
/** Commas stay literal between list items: `p=a,b` instead of `p=a%2Cb` keeps links short. */
const encList = (items: readonly string[]) => items.map(enc).join(',');

export function encodeV2(state: LinkState): string {
  const parts: string[] = ['v=2'];
  const { query } = state;
  const { view, filters } = query;
  const period = completePeriod(query.period);
  if (query.orgId) parts.push(`org=${enc(query.orgId)}`);
  if (period?.kind === 'months') {
    parts.push(`from=${period.first.slice(0, 7)}`, `to=${period.last.slice(0, 7)}`);
  } else if (period) parts.push(`period=${period.period}`);
  if (filters.organizations.length > 0) parts.push(`o=${encList(filters.organizations)}`);
  if (filters.projects.length > 0) parts.push(`p=${encList(filters.projects)}`);
  if (filters.clusters.length > 0) parts.push(`c=${encList(filters.clusters)}`);
  if (filters.services.length > 0) parts.push(`s=${encList(filters.services)}`);
  if (query.groupBy) parts.push(`g=${query.groupBy}`);
  if (query.includePartialMatches) parts.push('partial=1');
  if (view.chartTopN !== undefined) parts.push(`top=${view.chartTopN}`);
  if (view.perDay !== undefined) parts.push(`perday=${view.perDay ? 1 : 0}`);
  if (view.sort) parts.push(`sort=${enc(view.sort.column)}.${view.sort.desc ? 'desc' : 'asc'}`);
  if (view.filterText) parts.push(`q=${enc(wellFormed(view.filterText))}`);
  if (view.tab) parts.push(`tab=${view.tab}`);
  if (view.drill && view.drill.length > 0) {
    parts.push(`d=${view.drill.map((step) => `${step.dimension}:${enc(step.id)}`).join(',')}`);
  }
  if (state.run) parts.push('run=1');
  return parts.join('&');
}

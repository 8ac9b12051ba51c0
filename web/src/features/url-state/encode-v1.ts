import type { UrlState } from './url-state';

/**
 * Writes version 1 of the dashboard link (`v=1`); decode-v1.ts reads it. Only the newest
 * version is ever written, every version is read. See docs/url-state.md.
 */

/** Lone UTF-16 surrogates cannot be percent-encoded (encodeURIComponent throws). */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const enc = encodeURIComponent;
/** Commas stay literal between list items: `p=a,b` instead of `p=a%2Cb` keeps links short. */
const encList = (items: readonly string[]) => items.map(enc).join(',');

export function encodeV1(state: UrlState): string {
  const parts: string[] = ['v=1'];
  const { view } = state;
  if (state.orgId) parts.push(`org=${enc(state.orgId)}`);
  if (state.months) {
    parts.push(`from=${state.months.first.slice(0, 7)}`, `to=${state.months.last.slice(0, 7)}`);
  }
  if (state.projects.length > 0) parts.push(`p=${encList(state.projects)}`);
  if (state.clusters.length > 0) parts.push(`c=${encList(state.clusters)}`);
  if (state.services.length > 0) parts.push(`s=${encList(state.services)}`);
  if (state.groupBy) parts.push(`g=${state.groupBy}`);
  if (state.partial) parts.push('partial=1');
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

import { RELATIVE_PERIOD_LABELS, type CostQueryDone } from '@ace/bff/contract';
import { centsToDecimal } from '../../lib/money';
import { isoMonth, monthsBetween, monthStateOf } from '../../lib/months';
import type { SheetFormat } from './csv';

/** What produced the numbers: written above them, so a file explains itself months later. */
export interface ExportSource {
  orgName: string | undefined;
  /** The finished query: the question asked, the months (inclusive) and organizations it covers. */
  done: Pick<CostQueryDone, 'orgId' | 'query' | 'months' | 'organizations'>;
  /** The drill-down trail that led here ("Your query · by cluster › orders-eu-7 · by service"). */
  trail: string | undefined;
  /** The server's clock: which months are provisional. */
  now: Date;
  generatedAt: Date;
}

const list = (values: readonly string[]) => (values.length > 0 ? values.join(' ') : '(all)');

/** `# key,value` lines: comments to people, and still two tidy columns in a sheet. */
export function queryHeader(
  f: SheetFormat,
  source: ExportSource,
  what: string,
  extra: [string, string][],
): string[][] {
  const { done, now } = source;
  const { query, months: span } = done;
  const { filters, period } = query;
  const months = monthsBetween(span.first, span.last);
  const mtd = months.filter((m) => monthStateOf(m, now) === 'month-to-date').map(isoMonth);
  const changing = months.filter((m) => monthStateOf(m, now) === 'may-change').map(isoMonth);
  const rows: [string, string][] = [
    ['export', f.text(what)],
    ['organization', f.text(source.orgName ?? done.orgId)],
    ['organization_id', f.text(done.orgId)],
    ['months (inclusive)', f.text(`${isoMonth(span.first)} to ${isoMonth(span.last)}`)],
    ...(period.kind === 'relative'
      ? [
          ['period', f.text(`${RELATIVE_PERIOD_LABELS[period.period]} (relative)`)] as [
            string,
            string,
          ],
        ]
      : []),
    ['organizations_covered', f.text(list(done.organizations))],
    ['group_by', f.text(query.groupBy ?? '(none: by service)')],
    ['filter_organizations', f.text(list(filters.organizations))],
    ['filter_projects', f.text(list(filters.projects))],
    ['filter_clusters', f.text(list(filters.clusters))],
    ['filter_services', f.text(list(filters.services))],
    ['include_partial_matches', f.text(String(query.includePartialMatches))],
    ...(source.trail ? [['drill_down', f.text(source.trail)] as [string, string]] : []),
    ['month_to_date (provisional)', f.text(mtd.join(' ') || '(none)')],
    ['may_still_change', f.text(changing.join(' ') || '(none)')],
    ['currency', f.text('USD (contract customers: credits, valued in USD)')],
    ['number_format', f.text('dot decimal, no currency symbol, no grouping; empty = no usage')],
    ...extra,
    ['generated_at', f.text(source.generatedAt.toISOString())],
  ];
  return rows.map(([key, value]) => [f.text(`# ${key}`), value]);
}

export const totalField = (f: SheetFormat, cents: number) => f.num(centsToDecimal(cents));

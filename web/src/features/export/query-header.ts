import type { CostQueryRequest } from '@ace/bff/contract';
import { centsToDecimal } from '../../lib/money';
import { isoMonth, lastMonthOf, monthsInRange, monthStateOf } from '../../lib/months';
import type { SheetFormat } from './csv';

/** What produced the numbers: written above them, so a file explains itself months later. */
export interface ExportSource {
  orgId: string;
  orgName: string | undefined;
  request: CostQueryRequest;
  /** The drill-down trail that led here ("Your query · by cluster › orders-eu-7 · by service"). */
  trail: string | undefined;
  /** The server's clock: which months are provisional. */
  now: Date;
  generatedAt: Date;
}

const list = (values: readonly string[] | undefined) =>
  values && values.length > 0 ? values.join(' ') : '(all)';

/** `# key,value` lines: comments to people, and still two tidy columns in a sheet. */
export function queryHeader(
  f: SheetFormat,
  source: ExportSource,
  what: string,
  extra: [string, string][],
): string[][] {
  const { request, now } = source;
  const months = monthsInRange(request.startDate, request.endDate);
  const mtd = months.filter((m) => monthStateOf(m, now) === 'month-to-date').map(isoMonth);
  const changing = months.filter((m) => monthStateOf(m, now) === 'may-change').map(isoMonth);
  const rows: [string, string][] = [
    ['export', f.text(what)],
    ['organization', f.text(source.orgName ?? source.orgId)],
    ['organization_id', f.text(source.orgId)],
    [
      'months (inclusive)',
      f.text(`${isoMonth(request.startDate)} to ${isoMonth(lastMonthOf(request.endDate))}`),
    ],
    ['start_date (sent to Atlas)', f.text(request.startDate)],
    ['end_date (exclusive; sent to Atlas)', f.text(request.endDate)],
    ['group_by', f.text(request.groupBy ?? '(none: by service)')],
    ['filter_organizations', f.text(list(request.organizations))],
    ['filter_projects', f.text(list(request.projects))],
    ['filter_clusters', f.text(list(request.clusters))],
    ['filter_services', f.text(list(request.services))],
    ['include_partial_matches', f.text(String(request.includePartialMatches ?? false))],
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

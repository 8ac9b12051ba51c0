import {
  GROUP_BY_VALUES,
  MAX_DRILL_STEPS,
  objectIdSchema,
  RESULTS_TABS,
  serviceSchema,
  type AtlasService,
  type DrillPathStep,
  type GroupBy,
} from '@ace/bff/contract';
import { emptyLinkState, type IgnoredParam, type LinkState } from './url-state';

/**
 * Reads version 1 of the dashboard link (`v=1`). Frozen: a change of meaning is a new version
 * with its own decoder, and this one stays so old links keep opening. See docs/url-state.md.
 * Version 2 reads its parameters with these handlers too (decode-v2.ts).
 */
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_LIST = 500;
const MAX_SORT_COLUMN = 64;
const MAX_FILTER_TEXT = 200;

export type Note = (reason: string) => void;
export type Handler = (raw: string, state: LinkState, note: Note) => void;

export const isId = (value: string) => objectIdSchema.safeParse(value).success;
const isService = (value: string): value is AtlasService => serviceSchema.safeParse(value).success;

export function list<T extends string>(raw: string, valid: (v: string) => v is T, note: Note): T[] {
  const items = raw.split(',').filter((item) => item !== '');
  const kept = [...new Set(items.filter(valid))];
  const bad = items.filter((item) => !valid(item)).length;
  if (bad > 0) note(`${bad} of ${items.length} values are not valid and were left out`);
  if (kept.length > MAX_LIST) note(`only the first ${MAX_LIST} values were used`);
  return kept.slice(0, MAX_LIST);
}

const flag = (raw: string, note: Note): boolean | undefined => {
  if (raw === '1') return true;
  if (raw === '0') return false;
  note('must be 1 or 0');
  return undefined;
};

export const isIdItem = (value: string): value is string => isId(value);

export const V1_HANDLERS: Readonly<Record<string, Handler>> = {
  org: (raw, s, note) => {
    if (isId(raw)) s.query.orgId = raw;
    else note('is not an organization id');
  },
  p: (raw, s, note) => {
    s.query.filters.projects = list(raw, isIdItem, note);
  },
  c: (raw, s, note) => {
    s.query.filters.clusters = list(raw, isIdItem, note);
  },
  s: (raw, s, note) => {
    s.query.filters.services = list(raw, isService, note);
  },
  g: (raw, s, note) => {
    const value = GROUP_BY_VALUES.find((g) => g === raw);
    if (value) s.query.groupBy = value satisfies GroupBy;
    else note(`must be one of ${GROUP_BY_VALUES.join(', ')}`);
  },
  partial: (raw, s, note) => {
    s.query.includePartialMatches = flag(raw, note) ?? false;
  },
  run: (raw, s, note) => {
    s.run = flag(raw, note) ?? false;
  },
  top: (raw, s, note) => {
    const n = Number(raw);
    if (/^\d+$/.test(raw) && n >= 1 && n <= 50) s.query.view.chartTopN = n;
    else note('must be a whole number from 1 to 50');
  },
  perday: (raw, s, note) => {
    const value = flag(raw, note);
    if (value !== undefined) s.query.view.perDay = value;
  },
  sort: (raw, s, note) => {
    const dot = raw.lastIndexOf('.');
    const column = raw.slice(0, dot);
    const dir = raw.slice(dot + 1);
    if (dot > 0 && column.length <= MAX_SORT_COLUMN && (dir === 'asc' || dir === 'desc')) {
      s.query.view.sort = { column, desc: dir === 'desc' };
    } else note('must be <column>.asc or <column>.desc');
  },
  q: (raw, s, note) => {
    if (raw.length > MAX_FILTER_TEXT) note(`is longer than ${MAX_FILTER_TEXT} characters`);
    else if (raw !== '') s.query.view.filterText = raw;
  },
  // Added to version 1 later (an optional parameter: every earlier link reads the same).
  tab: (raw, s, note) => {
    const value = RESULTS_TABS.find((t) => t === raw);
    if (value) s.query.view.tab = value;
    else note(`must be one of ${RESULTS_TABS.join(', ')}`);
  },
  d: (raw, s, note) => {
    const drill = drillPath(raw);
    if (drill === null) {
      note(
        `must be up to ${MAX_DRILL_STEPS} steps <dimension>:<id>, comma-separated; the drill-down was not restored`,
      );
    } else if (drill.length > 0) s.query.view.drill = drill;
  },
};

/** `d`: the drill-down path, `clusters:<id>,services:Backup`; null if any step is unusable. */
function drillPath(raw: string): DrillPathStep[] | null {
  if (raw === '') return [];
  const items = raw.split(',');
  if (items.length > MAX_DRILL_STEPS) return null;
  const steps: DrillPathStep[] = [];
  for (const item of items) {
    const colon = item.indexOf(':');
    const dimension = GROUP_BY_VALUES.find((g) => g === item.slice(0, colon));
    const id = item.slice(colon + 1);
    if (colon < 0 || !dimension) return null;
    if (dimension === 'services' ? !isService(id) : !isId(id)) return null;
    steps.push({ dimension, id });
  }
  return steps;
}

/** Reads `from`/`to` (inclusive `YYYY-MM`) together: one without the other means nothing. */
export function readMonths(
  params: URLSearchParams,
  state: LinkState,
  ignored: IgnoredParam[],
): void {
  const from = params.get('from');
  const to = params.get('to');
  if (from === null && to === null) return;
  const problem = monthsProblem(from, to);
  if (problem) ignored.push(problem);
  else if (from !== null && to !== null) {
    state.query.period = { kind: 'months', first: `${from}-01`, last: `${to}-01` };
  }
}

function monthsProblem(from: string | null, to: string | null): IgnoredParam | undefined {
  if (from === null) return { param: 'to', reason: 'needs from too' };
  if (to === null) return { param: 'from', reason: 'needs to too' };
  if (!MONTH.test(from)) return { param: 'from', reason: 'is not a month (YYYY-MM)' };
  if (!MONTH.test(to)) return { param: 'to', reason: 'is not a month (YYYY-MM)' };
  if (to < from) return { param: 'to', reason: 'is before from' };
  return undefined;
}

/** Every parameter but `v` and the ones `skip` names, through `handlers`. */
export function readParams(
  params: URLSearchParams,
  handlers: Readonly<Record<string, Handler>>,
  skip: readonly string[],
  state: LinkState,
  ignored: IgnoredParam[],
): void {
  for (const param of new Set(params.keys())) {
    if (param === 'v' || skip.includes(param)) continue;
    const note: Note = (reason) => ignored.push({ param, reason });
    const handler = Object.hasOwn(handlers, param) ? handlers[param] : undefined;
    if (!handler) {
      note('is not something this page understands');
      continue;
    }
    const values = params.getAll(param);
    if (values.length > 1) note(`appears ${values.length} times; the first was used`);
    handler(values[0] ?? '', state, note);
  }
}

export function decodeV1(params: URLSearchParams): { state: LinkState; ignored: IgnoredParam[] } {
  const state = emptyLinkState();
  const ignored: IgnoredParam[] = [];
  readMonths(params, state, ignored);
  readParams(params, V1_HANDLERS, ['from', 'to'], state, ignored);
  // In v1, grouping by organization meant the link's organization alone (the page named it in
  // Atlas's body); an organizations filter keeps that meaning, and the same grand total.
  const { query } = state;
  if (query.groupBy === 'organizations' && query.orgId) query.filters.organizations = [query.orgId];
  return { state, ignored };
}

import type { DashboardFilters, DashboardQuery, Period } from '@ace/bff/contract';
import { defaultMonthRange } from './months';

/** A period still being picked: the month picker may hold one end, or none yet. */
export type PeriodDraft =
  | Exclude<Period, { kind: 'months' }>
  | { kind: 'months'; first: string | null; last: string | null };

/**
 * The contract's DashboardQuery while it is being asked: the same shape, with "not chosen yet"
 * allowed — no organization (`''`), and months still being picked or not named at all (a link
 * without months opens with the default). What the form edits and what a link carries.
 */
export type DashboardDraft = Omit<DashboardQuery, 'orgId' | 'period'> & {
  orgId: string;
  period?: PeriodDraft | undefined;
};

export const noFilters = (): DashboardFilters => ({
  organizations: [],
  projects: [],
  clusters: [],
  services: [],
});

/** The Atlas console's default: the last 6 months, including the current one. */
export function defaultPeriod(now: Date): Period {
  const [first, last] = defaultMonthRange(now);
  return { kind: 'months', first, last };
}

export function emptyDraft(): DashboardDraft {
  return { orgId: '', filters: noFilters(), includePartialMatches: false, view: {} };
}

/** A period with both ends chosen, or undefined. */
export function completePeriod(period: PeriodDraft | undefined): Period | undefined {
  if (!period) return undefined;
  if (period.kind === 'relative') return period;
  const { first, last } = period;
  return first && last ? { kind: 'months', first, last } : undefined;
}

/** The draft as a question (not validated), or null while it has no organization or months. */
export function completeQuery(draft: DashboardDraft): DashboardQuery | null {
  const period = completePeriod(draft.period);
  if (!draft.orgId || !period) return null;
  return { ...draft, orgId: draft.orgId, period };
}

import {
  serviceSchema,
  type AtlasService,
  type CostQueryRequest,
  type PresetResponse,
} from '@ace/bff/contract';
import { defaultQueryFormValues, type QueryFormValues } from '../features/query-form/form-values';
import type { PresetDraft } from '../features/presets/preset-input';
import { emptyUrlState, type UrlState, type ViewOptions } from '../features/url-state/url-state';
import { lastMonthOf } from '../lib/months';

// The dashboard's three descriptions of one view: the form's values, the link's state and a
// preset. Each feature owns its own shape; this module (app/) translates between them.

const isService = (value: string): value is AtlasService => serviceSchema.safeParse(value).success;

export function toFormValues(state: UrlState, now: Date): QueryFormValues {
  const defaults = defaultQueryFormValues(now);
  return {
    orgId: state.orgId ?? defaults.orgId,
    months: state.months ? [state.months.first, state.months.last] : defaults.months,
    projects: state.projects,
    clusters: state.clusters,
    services: state.services,
    groupBy: state.groupBy ?? 'none',
    includePartialMatches: state.partial,
  };
}

/** What the controls show (not run: the caller knows whether their results are on screen). */
export function fromFormValues(values: QueryFormValues, view: ViewOptions): UrlState {
  const [first, last] = values.months;
  return {
    ...emptyUrlState(),
    ...(values.orgId ? { orgId: values.orgId } : {}),
    ...(first && last ? { months: { first, last } } : {}),
    projects: values.projects,
    clusters: values.clusters,
    services: values.services.filter(isService),
    ...(values.groupBy !== 'none' ? { groupBy: values.groupBy } : {}),
    partial: values.includePartialMatches,
    view,
  };
}

/** The query the form ran, as a link that runs it again. */
export function fromRunRequest(
  orgId: string,
  request: CostQueryRequest,
  view: ViewOptions,
): UrlState {
  return {
    orgId,
    months: { first: request.startDate, last: lastMonthOf(request.endDate) },
    projects: request.projects ?? [],
    clusters: request.clusters ?? [],
    services: request.services ?? [],
    ...(request.groupBy ? { groupBy: request.groupBy } : {}),
    partial: request.includePartialMatches ?? false,
    view,
    run: true,
  };
}

/** A preset as opened from its link: the range the server resolved for today, and run. */
export function fromPreset(preset: PresetResponse): UrlState {
  const { filters, resolved } = preset;
  return {
    orgId: preset.orgId,
    months: { first: resolved.startDate, last: lastMonthOf(resolved.endDate) },
    projects: filters.projects ?? [],
    clusters: filters.clusters ?? [],
    services: filters.services ?? [],
    ...(preset.groupBy ? { groupBy: preset.groupBy } : {}),
    partial: filters.includePartialMatches ?? false,
    view: preset.view,
    run: true,
  };
}

/** The view as something to save, or null while it has no organization or months yet. */
export function toPresetDraft(state: UrlState): PresetDraft | null {
  const { orgId, months, groupBy } = state;
  if (!orgId || !months) return null;
  const list = <T>(items: T[]) => (items.length > 0 ? items : undefined);
  return {
    orgId,
    firstMonth: months.first,
    lastMonth: months.last,
    filters: {
      // Atlas groups by organization only when one is named (as the form's request does).
      organizations: groupBy === 'organizations' ? [orgId] : undefined,
      projects: list(state.projects),
      clusters: list(state.clusters),
      services: list(state.services),
      includePartialMatches: state.partial || undefined,
    },
    groupBy,
    view: state.view,
  };
}

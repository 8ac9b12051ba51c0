import {
  monthFromIndex,
  monthIndex,
  RELATIVE_PERIODS,
  type GroupBy,
  type PresetInput,
  type PresetResponse,
  type presetFiltersSchema,
  type presetViewSchema,
  type RelativePeriod,
} from '@ace/bff/contract';
import type { z } from 'zod';

/** The view being saved, as the dashboard describes it. */
export interface PresetDraft {
  orgId: string;
  /** Inclusive month starts (`YYYY-MM-01`) of the view: "these exact months". */
  firstMonth: string;
  lastMonth: string;
  filters: z.input<typeof presetFiltersSchema>;
  groupBy: GroupBy | undefined;
  view: z.input<typeof presetViewSchema>;
}

/** "These exact months", or one of the relative periods resolved whenever the preset opens. */
export type RangeChoice = 'absolute' | RelativePeriod;
export const RANGE_CHOICES: readonly RangeChoice[] = ['absolute', ...RELATIVE_PERIODS];

export interface PresetDetails {
  name: string;
  description: string;
  range: RangeChoice;
}

export function toPresetInput(draft: PresetDraft, details: PresetDetails): PresetInput {
  const range: PresetInput['range'] =
    details.range === 'absolute'
      ? {
          kind: 'absolute',
          startDate: draft.firstMonth,
          endDate: monthFromIndex(monthIndex(draft.lastMonth) + 1),
        }
      : { kind: 'relative', period: details.range };
  return {
    name: details.name,
    description: details.description,
    orgId: draft.orgId,
    filters: draft.filters,
    ...(draft.groupBy ? { groupBy: draft.groupBy } : {}),
    range,
    view: draft.view,
  };
}

/** A stored preset as a PUT body, with some fields changed (a rename keeps everything else). */
export function inputOf(preset: PresetResponse, changes: Partial<PresetInput> = {}): PresetInput {
  const { name, description, orgId, filters, groupBy, range, view } = preset;
  return {
    name,
    description,
    orgId,
    filters,
    ...(groupBy ? { groupBy } : {}),
    range,
    view,
    ...changes,
  };
}

/** The range choice a preset was saved with (to preselect it when saving changes). */
export const rangeChoiceOf = (preset: PresetResponse): RangeChoice =>
  preset.range.kind === 'absolute' ? 'absolute' : preset.range.period;

import {
  RELATIVE_PERIODS,
  type DashboardQuery,
  type MonthSpan,
  type Period,
  type PresetInput,
  type PresetResponse,
  type RelativePeriod,
} from '@ace/bff/contract';

/** "These exact months", or one of the relative periods worked out whenever the preset opens. */
export type PeriodChoice = 'months' | RelativePeriod;
export const PERIOD_CHOICES: readonly PeriodChoice[] = ['months', ...RELATIVE_PERIODS];

export const periodChoiceOf = (period: Period): PeriodChoice =>
  period.kind === 'months' ? 'months' : period.period;

export interface PresetDetails {
  name: string;
  description: string;
  choice: PeriodChoice;
}

/** The view's question, with the period chosen in the dialog (`months`: the months it shows). */
export function toPresetInput(
  query: DashboardQuery,
  months: MonthSpan,
  details: PresetDetails,
): PresetInput {
  const period: Period =
    details.choice === 'months'
      ? { kind: 'months', first: months.first, last: months.last }
      : { kind: 'relative', period: details.choice };
  return { name: details.name, description: details.description, query: { ...query, period } };
}

/** A stored preset as a PUT body, with some fields changed (a rename keeps everything else). */
export function inputOf(preset: PresetResponse, changes: Partial<PresetInput> = {}): PresetInput {
  const { name, description, query } = preset;
  return { name, description, query, ...changes };
}

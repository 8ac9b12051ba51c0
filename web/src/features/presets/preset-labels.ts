import { RELATIVE_PERIOD_LABELS, type PresetRange } from '@ace/bff/contract';
import { formatMonthRange, lastMonthOf } from '../../lib/months';

/**
 * How a preset's range reads wherever it is shown. A relative range always says so, so
 * nobody mistakes "last 3 complete months" for the months it happened to be when saved.
 */
export function rangeLabel(range: PresetRange): string {
  if (range.kind === 'relative') return `Relative: ${RELATIVE_PERIOD_LABELS[range.period]}`;
  return formatMonthRange(range.startDate, lastMonthOf(range.endDate));
}

/** `https://host/p/<id>`: the preset's share link. */
export const presetLink = (id: string, origin = window.location.origin) =>
  `${origin}/p/${encodeURIComponent(id)}`;

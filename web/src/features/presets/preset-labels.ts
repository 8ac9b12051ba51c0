import { RELATIVE_PERIOD_LABELS, type Period } from '@ace/bff/contract';
import { formatMonthRange } from '../../lib/months';

/**
 * How a preset's period reads wherever it is shown. A relative period always says so, so
 * nobody mistakes "last 3 complete months" for the months it happened to be when saved.
 */
export function periodLabel(period: Period): string {
  if (period.kind === 'relative') return `Relative: ${RELATIVE_PERIOD_LABELS[period.period]}`;
  return formatMonthRange(period.first, period.last);
}

/** `https://host/p/<id>`: the preset's share link. */
export const presetLink = (id: string, origin = window.location.origin) =>
  `${origin}/p/${encodeURIComponent(id)}`;

import { resolvePeriod } from '@ace/bff/contract';
import { useEffect } from 'react';
import { completePeriod, type PeriodDraft } from '../lib/dashboard-draft';
import { formatMonthSpan } from '../lib/months';

/** The product's name in every tab title, after what the tab shows. */
export const APP_TITLE = 'Cost Explorer';

/**
 * `document.title` while the calling page is on screen (tabs, history and bookmarks read it).
 * Null leaves it to a page inside this one (the share link's dashboard names its preset).
 */
export function usePageTitle(title: string | null) {
  useEffect(() => {
    if (title !== null) document.title = title;
  }, [title]);
}

/** "Preset not found — Cost Explorer": a page that is not a dashboard view. */
export const titled = (what: string) => `${what} — ${APP_TITLE}`;

/**
 * The dashboard's title: a preset's name when the page was opened from one; otherwise
 * "Cost Explorer — Acme Corp · Sep–Nov 2026", with what is chosen so far.
 */
export function dashboardTitle(input: {
  presetName: string | undefined;
  orgName: string | undefined;
  period: PeriodDraft | undefined;
  now: Date | null;
}): string {
  if (input.presetName) return titled(input.presetName);
  const period = completePeriod(input.period);
  const span = period && input.now ? resolvePeriod(period, input.now) : null;
  const parts = [input.orgName, span && formatMonthSpan(span.first, span.last)].filter(Boolean);
  return parts.length > 0 ? `${APP_TITLE} — ${parts.join(' · ')}` : APP_TITLE;
}

import type { DashboardDraft } from '../../lib/dashboard-draft';
import { noFilters } from '../../lib/dashboard-draft';

/**
 * Everything a dashboard link carries: the question (the contract's DashboardQuery as a draft:
 * no organization or months when the link names none) with its results-view options, and
 * whether its results are on screen. Ids, never names: names change, ids do not.
 */
export interface LinkState {
  query: DashboardDraft;
  /** The results of exactly these controls are on screen: opening the link runs them. */
  run: boolean;
}

/** A parameter the decoder could not use, and why (shown to the user, never thrown). */
export interface IgnoredParam {
  param: string;
  reason: string;
}

export interface DecodedUrlState {
  state: LinkState;
  ignored: IgnoredParam[];
}

export const emptyLinkState = (): LinkState => ({
  query: { orgId: '', filters: noFilters(), includePartialMatches: false, view: {} },
  run: false,
});

/** The version every new link is written in; docs/url-state.md lists every version. */
export const URL_STATE_VERSION = 2;

/**
 * Links longer than this are not offered for sharing: some mail and chat tools cut URLs near
 * 2,000 characters. Longer views are shared as presets (`/p/<id>`).
 */
export const SHAREABLE_URL_MAX = 2000;

import type { AtlasService, GroupBy, presetViewSchema } from '@ace/bff/contract';
import type { z } from 'zod';

/** Results-view options, the same shape a preset stores (`presetViewSchema`). */
export type ViewOptions = z.output<typeof presetViewSchema>;

/** Everything a dashboard link carries. Ids, never names: names change, ids do not. */
export interface UrlState {
  orgId?: string;
  /** Inclusive: the first and the last month, both `YYYY-MM-01` (absent: the default range). */
  months?: { first: string; last: string };
  projects: string[];
  clusters: string[];
  services: AtlasService[];
  groupBy?: GroupBy;
  partial: boolean;
  view: ViewOptions;
  /** The results of exactly these controls are on screen: opening the link runs them. */
  run: boolean;
}

/** A parameter the decoder could not use, and why (shown to the user, never thrown). */
export interface IgnoredParam {
  param: string;
  reason: string;
}

export interface DecodedUrlState {
  state: UrlState;
  ignored: IgnoredParam[];
}

export const emptyUrlState = (): UrlState => ({
  projects: [],
  clusters: [],
  services: [],
  partial: false,
  view: {},
  run: false,
});

/** The version every new link is written in; docs/url-state.md lists every version. */
export const URL_STATE_VERSION = 1;

/**
 * Links longer than this are not offered for sharing: some mail and chat tools cut URLs near
 * 2,000 characters. Longer views are shared as presets (`/p/<id>`).
 */
export const SHAREABLE_URL_MAX = 2000;

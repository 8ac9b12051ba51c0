import { decodeV1 } from './decode-v1';
import { decodeV2 } from './decode-v2';
import { encodeV2 } from './encode-v2';
import {
  emptyLinkState,
  SHAREABLE_URL_MAX,
  URL_STATE_VERSION,
  type DecodedUrlState,
  type LinkState,
} from './url-state';

type Decoder = (params: URLSearchParams) => DecodedUrlState;

/** Every version ever written, forever: a link from any release must still open. */
const DECODERS = new Map<string, Decoder>([
  ['1', decodeV1],
  ['2', decodeV2],
]);

/** The query string (without `?`) for a state, in the current version. Pure. */
export function encodeUrlState(state: LinkState): string {
  return encodeV2(state);
}

/**
 * A query string → the state it describes. Never throws: what cannot be used is left out and
 * listed in `ignored` so the page can say so. A link without `v` is read as version 1.
 */
export function decodeUrlState(search: string): DecodedUrlState {
  const params = new URLSearchParams(search);
  if ([...params.keys()].length === 0) return { state: emptyLinkState(), ignored: [] };
  const version = params.get('v');
  if (version === null) {
    const decoded = decodeV1(params);
    const note = { param: 'v', reason: 'is missing; the link was read as version 1' };
    return { state: decoded.state, ignored: [note, ...decoded.ignored] };
  }
  const decoder = DECODERS.get(version);
  if (decoder) return decoder(params);
  const newer = /^\d+$/.test(version) && Number(version) > URL_STATE_VERSION;
  const reason = newer
    ? `the link was made by a newer version of the dashboard (v=${version}); reload the page to open it`
    : 'is not a link version this page knows; the link was not used';
  return { state: emptyLinkState(), ignored: [{ param: 'v', reason }] };
}

/** The absolute link of a dashboard view. */
export function viewLink(state: LinkState, origin = window.location.origin): string {
  return `${origin}/?${encodeUrlState(state)}`;
}

export const isShareable = (link: string) => link.length <= SHAREABLE_URL_MAX;

/**
 * The controls alone (no run flag, no results-view options or drill-down): two states with
 * equal keys ask the same question.
 */
export function controlsKey(state: LinkState): string {
  return encodeUrlState({ run: false, query: { ...state.query, view: {} } });
}

import { RELATIVE_PERIODS } from '@ace/bff/contract';
import { isIdItem, list, readMonths, readParams, V1_HANDLERS, type Handler } from './decode-v1';
import { emptyLinkState, type DecodedUrlState, type IgnoredParam } from './url-state';

/**
 * Reads version 2 of the dashboard link (`v=2`): version 1's parameters, plus a relative
 * `period` instead of `from`/`to` and the organizations filter `o`; `g=organizations` groups
 * every organization the question covers. Frozen like every version. See docs/url-state.md.
 */
const V2_HANDLERS: Readonly<Record<string, Handler>> = {
  ...V1_HANDLERS,
  o: (raw, s, note) => {
    s.query.filters.organizations = list(raw, isIdItem, note);
  },
  period: (raw, s, note) => {
    const period = RELATIVE_PERIODS.find((p) => p === raw);
    if (period) s.query.period = { kind: 'relative', period };
    else note(`must be one of ${RELATIVE_PERIODS.join(', ')}`);
  },
};

export function decodeV2(params: URLSearchParams): DecodedUrlState {
  const state = emptyLinkState();
  const ignored: IgnoredParam[] = [];
  readMonths(params, state, ignored);
  const months = state.query.period !== undefined;
  if (months && params.has('period')) {
    ignored.push({ param: 'period', reason: 'was given with from and to; the months were used' });
  }
  readParams(params, V2_HANDLERS, ['from', 'to', ...(months ? ['period'] : [])], state, ignored);
  return { state, ignored };
}

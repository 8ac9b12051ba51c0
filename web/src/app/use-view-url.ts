import type { CostQueryRequest } from '@ace/bff/contract';
import { useCallback, useRef, useState } from 'react';
import type { QueryFormValues } from '../features/query-form/form-values';
import { isPushedDraft, writeViewUrl } from '../features/url-state/history';
import type { UrlState } from '../features/url-state/url-state';
import { controlsKey, encodeUrlState } from '../features/url-state/url-state-codec';
import { fromFormValues, fromRunRequest } from './dashboard-url-state';

/**
 * Keeps the address bar describing the view, one history entry per query run:
 * - running a query pushes an entry (`run=1`: opening it shows these results again);
 * - editing controls replaces the current entry, so refresh keeps unsubmitted edits; but the
 *   entry of a run is never overwritten: the first edit after a run pushes a draft entry, and
 *   the next run takes the draft's place. Back from a run therefore shows the run before it.
 * `run=1` is set exactly when the results on screen are those of the controls.
 */
export function useViewUrl(initial: UrlState) {
  const [state, setState] = useState(initial);
  const lastRun = useRef<string | null>(null);
  // What the address bar shows, and whether its entry is a run's (edits must not overwrite it).
  const shown = useRef({ search: encodeUrlState(initial), entryIsRun: initial.run });
  // The results feature keeps its view options itself (for now): the link carries them along.
  const view = initial.view;

  /** Shows `next` unless it is already shown; `write` puts it in the history. */
  const show = useCallback(
    (next: UrlState, isRun: boolean, write: (search: string, entryIsRun: boolean) => void) => {
      const search = encodeUrlState(next);
      if (search === shown.current.search) return;
      const { entryIsRun } = shown.current;
      shown.current = { search, entryIsRun: isRun };
      setState(next);
      write(search, entryIsRun);
    },
    [],
  );

  const onValuesChange = useCallback(
    (values: QueryFormValues) => {
      const next = fromFormValues(values, view);
      show({ ...next, run: controlsKey(next) === lastRun.current }, false, (search, entryIsRun) => {
        if (entryIsRun) writeViewUrl(search, 'push', true);
        else writeViewUrl(search, 'replace', isPushedDraft());
      });
    },
    [show, view],
  );

  /** `user`: a new entry; `restore`: the URL (or the /p/ link) already describes it. */
  const onRan = useCallback(
    (orgId: string, request: CostQueryRequest, source: 'user' | 'restore') => {
      const next = fromRunRequest(orgId, request, view);
      lastRun.current = controlsKey(next);
      show(next, true, (search) => {
        if (source === 'user') writeViewUrl(search, isPushedDraft() ? 'replace' : 'push');
      });
    },
    [show, view],
  );

  return { state, onValuesChange, onRan };
}

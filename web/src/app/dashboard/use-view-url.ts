import type { DashboardQuery, DrillPathStep, ViewOptions } from '@ace/bff/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResultsView } from '../../features/results/results-view';
import { isPushedDraft, replaceAddress, writeViewUrl } from '../../features/url-state/history';
import type { LinkState } from '../../features/url-state/url-state';
import { controlsKey, encodeUrlState } from '../../features/url-state/url-state-codec';
import type { DashboardDraft } from '../../lib/dashboard-draft';
import { applyResultsChange, withDrill, withDrillPath } from '../results/results-view-options';

/** Typing in the pivot filter writes the address bar once the typing pauses. */
export const FILTER_WRITE_DELAY_MS = 300;

/** The view's options as the link carries them: the drill-down only with the results. */
const linkView = (view: ViewOptions, run: boolean) => (run ? view : withDrillPath(view, []));

/** The question with the page's results-view options, as the link carries it. */
const withView = (state: LinkState, view: ViewOptions): LinkState => ({
  ...state,
  query: { ...state.query, view: linkView(view, state.run) },
});

/** How a drill-down change reaches the history (see useViewUrl). */
export type DrillWrite = 'push' | 'replace' | 'none';

/**
 * Keeps the address bar describing the view, one history entry per query run:
 * - running a query pushes an entry (`run=1`: opening it shows these results again);
 * - editing controls replaces the current entry, so refresh keeps unsubmitted edits; but the
 *   entry of a run is never overwritten: the first edit after a run pushes a draft entry, and
 *   the next run takes the draft's place. Back from a run therefore shows the run before it.
 * - changing how the results look (chart, pivot filter/sort/per day, tab) replaces the
 *   current entry (typing in the filter: once the typing pauses);
 * - each drill-down step (into a group, or back along the trail) pushes an entry.
 * `run=1` is set exactly when the results on screen are those of the controls; the drill-down
 * path is in the link only then.
 */
export function useViewUrl(initial: LinkState) {
  const [state, setState] = useState(initial);
  const current = useRef(initial);
  const lastRun = useRef<string | null>(null);
  // The results' view options and drill-down path, kept even while the link has no results.
  const view = useRef<ViewOptions>(initial.query.view);
  // What the address bar shows, and whether its entry is a run's (edits must not overwrite it).
  const shown = useRef({ search: encodeUrlState(initial), entryIsRun: initial.run });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    if (pending.current === null) return;
    clearTimeout(pending.current);
    pending.current = null;
    writeViewUrl(shown.current.search, 'replace', isPushedDraft());
  }, []);
  // A write still waiting when the page goes (back, forward, a preset opened) is dropped:
  // the history entry it was for is no longer the current one.
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );

  /** Shows `next` unless it is already shown; `write` puts it in the history. */
  const show = useCallback(
    (next: LinkState, isRun: boolean, write: (search: string, entryIsRun: boolean) => void) => {
      current.current = next;
      setState(next);
      const search = encodeUrlState(next);
      if (search === shown.current.search) return;
      flush();
      const { entryIsRun } = shown.current;
      shown.current = { search, entryIsRun: isRun };
      write(search, entryIsRun);
    },
    [flush],
  );

  const onValuesChange = useCallback(
    (values: DashboardDraft) => {
      const controls: LinkState = { query: values, run: false };
      const run = controlsKey(controls) === lastRun.current;
      show(withView({ ...controls, run }, view.current), false, (search, entryIsRun) => {
        if (entryIsRun) writeViewUrl(search, 'push', true);
        else writeViewUrl(search, 'replace', isPushedDraft());
      });
    },
    [show],
  );

  /** `user`: a new entry (and a new drill-down trail); `restore`: the URL already says it. */
  const onRan = useCallback(
    (query: DashboardQuery, source: 'user' | 'restore') => {
      if (source === 'user') view.current = withDrillPath(view.current, []);
      const next = withView({ query, run: true }, view.current);
      lastRun.current = controlsKey(next);
      show(next, true, (search) => {
        if (source === 'user') writeViewUrl(search, isPushedDraft() ? 'replace' : 'push');
      });
    },
    [show],
  );

  /** How the results look: replaces the current entry (the filter's text after a pause). */
  const onViewChange = useCallback(
    (change: Partial<ResultsView>) => {
      view.current = applyResultsChange(view.current, change);
      const state = current.current;
      const typing = Object.keys(change).every((key) => key === 'filterText');
      show(withView(state, view.current), shown.current.entryIsRun, (search) => {
        if (!typing) {
          writeViewUrl(search, 'replace', isPushedDraft());
          return;
        }
        // flush() in show() wrote any earlier pending text; this one waits for a pause.
        pending.current = setTimeout(() => {
          pending.current = null;
          writeViewUrl(search, 'replace', isPushedDraft());
        }, FILTER_WRITE_DELAY_MS);
      });
    },
    [show],
  );

  /**
   * The drill-down path changed: by the user (`push`, a step back that was never shown:
   * `replace`; the level's filter and sort are dropped) or by restoring the link (`none`).
   */
  const onDrill = useCallback(
    (path: readonly DrillPathStep[], how: DrillWrite) => {
      view.current =
        how === 'none' ? withDrillPath(view.current, path) : withDrill(view.current, path);
      const state = current.current;
      show(withView(state, view.current), state.run, (search, entryIsRun) => {
        if (how === 'push' && entryIsRun) writeViewUrl(search, 'push');
        else if (how !== 'none') writeViewUrl(search, 'replace', isPushedDraft());
      });
    },
    [show],
  );

  /** A preset saved from this view: the address bar becomes its share link. */
  const onSavedAsPreset = useCallback(
    (id: string) => {
      flush();
      replaceAddress(`/p/${encodeURIComponent(id)}`);
      // Later writes replace or push from here as from the entry it was.
    },
    [flush],
  );

  return { state, onValuesChange, onRan, onViewChange, onDrill, onSavedAsPreset };
}

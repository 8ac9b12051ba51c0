import type { DashboardQuery, DrillPathStep } from '@ace/bff/contract';
import { useCallback, useMemo, useState } from 'react';
import type { VersionedPreset } from '../../features/presets/api/preset-api';
import type { DecodedUrlState, IgnoredParam } from '../../features/url-state/url-state';
import { decodeUrlState } from '../../features/url-state/url-state-codec';
import { defaultPeriod } from '../../lib/dashboard-draft';
import { checkViewOptions, toResultsView } from '../results/results-view-options';
import { useViewUrl } from './use-view-url';

/** Where a dashboard starts: a /p/ link's preset; otherwise the address bar is read. */
export interface DashboardInitial {
  decoded: DecodedUrlState;
  preset: VersionedPreset;
}

type Start = (query: DashboardQuery) => Promise<void>;

/** The link's state with the results-view options checked against what the results can show. */
function opened(initial: DashboardInitial | undefined): DecodedUrlState {
  const decoded = initial?.decoded ?? decodeUrlState(window.location.search);
  const checked = checkViewOptions(decoded.state.query.view);
  return {
    state: { ...decoded.state, query: { ...decoded.state.query, view: checked.view } },
    ignored: [...decoded.ignored, ...checked.ignored],
  };
}

/**
 * The dashboard's view as links and presets see it: read once when the page mounts (back and
 * forward mount it afresh, see app-routes.tsx), written on every edit, run and change of how
 * the results look.
 */
export function useDashboardView(
  initial: DashboardInitial | undefined,
  start: Start,
  now: Date | null,
) {
  const [decoded] = useState(() => opened(initial));
  const [ignored, setIgnored] = useState(decoded.ignored);
  // The drill-down the link opens (its results are restored step by step); a new run has none.
  const [restoreDrill, setRestoreDrill] = useState<readonly DrillPathStep[]>(() =>
    decoded.state.run ? (decoded.state.query.view.drill ?? []) : [],
  );
  const url = useViewUrl(decoded.state);
  const { onRan } = url;

  const onRun = useCallback<Start>(
    async (query) => {
      setRestoreDrill([]);
      await start(query);
      onRan(query, 'user');
    },
    [start, onRan],
  );
  const onRunRestored = useCallback<Start>(
    async (query) => {
      await start(query);
      onRan(query, 'restore');
    },
    [start, onRan],
  );
  // The form edits the question; how the results look stays with the page (and the link).
  const initialValues = useMemo(() => {
    const { query } = decoded.state;
    return now ? { ...query, period: query.period ?? defaultPeriod(now), view: {} } : undefined;
  }, [decoded, now]);
  const formProps = useMemo(
    () => ({
      onRun,
      onRunRestored,
      initialValues,
      runOnMount: decoded.state.run,
      onValuesChange: url.onValuesChange,
    }),
    [onRun, onRunRestored, initialValues, decoded, url.onValuesChange],
  );
  const onIgnored = useCallback(
    (item: IgnoredParam) => setIgnored((previous) => [...previous, item]),
    [],
  );
  const resultsView = useMemo(() => toResultsView(url.state.query.view), [url.state.query.view]);

  return {
    ignored,
    state: url.state,
    preset: initial?.preset,
    formProps,
    results: {
      view: resultsView,
      onViewChange: url.onViewChange,
      restoreDrill,
      onDrill: url.onDrill,
      onIgnored,
    },
    onSavedAsPreset: url.onSavedAsPreset,
  };
}

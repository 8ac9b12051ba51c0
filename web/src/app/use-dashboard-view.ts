import type { CostQueryRequest } from '@ace/bff/contract';
import { useCallback, useMemo, useState } from 'react';
import type { VersionedPreset } from '../features/presets/api/preset-api';
import type { DecodedUrlState } from '../features/url-state/url-state';
import { decodeUrlState } from '../features/url-state/url-state-codec';
import { toFormValues } from './dashboard-url-state';
import { useViewUrl } from './use-view-url';

/** Where a dashboard starts: a /p/ link's preset; otherwise the address bar is read. */
export interface DashboardInitial {
  decoded: DecodedUrlState;
  preset: VersionedPreset;
}

type Start = (orgId: string, request: CostQueryRequest) => Promise<void>;

/**
 * The dashboard's view as links and presets see it: read once when the page mounts (back and
 * forward mount it afresh, see app-routes.tsx), written on every edit and run.
 */
export function useDashboardView(
  initial: DashboardInitial | undefined,
  start: Start,
  now: Date | null,
) {
  const [decoded] = useState(() => initial?.decoded ?? decodeUrlState(window.location.search));
  const url = useViewUrl(decoded.state);
  const { onRan } = url;

  const onRun = useCallback<Start>(
    async (orgId, request) => {
      await start(orgId, request);
      onRan(orgId, request, 'user');
    },
    [start, onRan],
  );
  const onRunRestored = useCallback<Start>(
    async (orgId, request) => {
      await start(orgId, request);
      onRan(orgId, request, 'restore');
    },
    [start, onRan],
  );
  const initialValues = useMemo(
    () => (now ? toFormValues(decoded.state, now) : undefined),
    [decoded, now],
  );

  return {
    ignored: decoded.ignored,
    state: url.state,
    preset: initial?.preset,
    formProps: {
      onRun,
      onRunRestored,
      initialValues,
      runOnMount: decoded.state.run,
      onValuesChange: url.onValuesChange,
    },
  };
}

import { useEffect, useRef } from 'react';
import type { DashboardQuery } from '@ace/bff/contract';
import type { UseFormReturn } from 'react-hook-form';
import type { DashboardDraft } from '../../../lib/dashboard-draft';

interface FormSyncOptions {
  runOnMount: boolean;
  /** Holds the run on mount until the values can be checked (the org's month bounds are in). */
  ready: boolean;
  onValuesChange: ((values: DashboardDraft) => void) | undefined;
  /** Validates and runs the current values (errors show on the fields, as for a click). */
  runRestored: () => void;
}

/**
 * The form's link to the page around it: runs restored values once when it appears (a link
 * or preset that showed results), and reports every change of the values (for the URL).
 */
export function useFormSync(
  form: UseFormReturn<DashboardDraft, unknown, DashboardQuery>,
  { runOnMount, ready, onValuesChange, runRestored }: FormSyncOptions,
): void {
  const latestRun = useRef(runRestored);
  useEffect(() => {
    latestRun.current = runRestored;
  });
  // A ref, not state: StrictMode's second mount must not run the query twice.
  const pendingRun = useRef(runOnMount);
  useEffect(() => {
    if (!pendingRun.current || !ready) return;
    pendingRun.current = false;
    latestRun.current();
  }, [ready]);

  useEffect(() => {
    if (!onValuesChange) return;
    const subscription = form.watch(() => onValuesChange(form.getValues()));
    return () => subscription.unsubscribe();
  }, [form, onValuesChange]);
}

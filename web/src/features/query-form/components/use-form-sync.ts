import { useEffect, useRef } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { QueryFormValues } from '../form-values';
import type { QueryFormOutput } from '../query-form-schema';

interface FormSyncOptions {
  runOnMount: boolean;
  onValuesChange: ((values: QueryFormValues) => void) | undefined;
  /** Validates and runs the current values (errors show on the fields, as for a click). */
  runRestored: () => void;
}

/**
 * The form's link to the page around it: runs restored values once when it appears (a link
 * or preset that showed results), and reports every change of the values (for the URL).
 */
export function useFormSync(
  form: UseFormReturn<QueryFormValues, unknown, QueryFormOutput>,
  { runOnMount, onValuesChange, runRestored }: FormSyncOptions,
): void {
  const latestRun = useRef(runRestored);
  useEffect(() => {
    latestRun.current = runRestored;
  });
  // A ref, not state: StrictMode's second mount must not run the query twice.
  const pendingRun = useRef(runOnMount);
  useEffect(() => {
    if (!pendingRun.current) return;
    pendingRun.current = false;
    latestRun.current();
  }, []);

  useEffect(() => {
    if (!onValuesChange) return;
    const subscription = form.watch(() => onValuesChange(form.getValues()));
    return () => subscription.unsubscribe();
  }, [form, onValuesChange]);
}

import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { DashboardQuery } from '@ace/bff/contract';
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormSwitch } from '../../../components/form/form-switch';
import { toApiError } from '../../../lib/api-client';
import { defaultPeriod, emptyDraft, type DashboardDraft } from '../../../lib/dashboard-draft';
import { useMonthBounds } from '../api/history-query';
import { useClusters, useOrgs, useProjects, useServices } from '../api/picker-queries';
import { toFormFieldError } from '../form-errors';
import { createQueryFormSchema, type QueryFormSchema } from '../query-form-schema';
import { GroupByField } from './group-by-field';
import { MonthRangeField } from './month-range-field';
import { OrgField } from './org-field';
import { ClustersField, ProjectsField, ServicesField } from './scope-fields';
import { useFormSync } from './use-form-sync';
import classes from './query-form.module.css';

export interface QueryFormProps {
  /** The server's clock (from /api/meta): month limits and validation use it. */
  now: Date;
  /** How many months back Atlas serves (/api/meta): the picker's limit until the org's history is in. */
  atlasMonths?: number | undefined;
  /**
   * Starts the query. Rejects only with an ApiError whose `errors` name fields (a 400): those
   * are shown on the fields; every other failure belongs to the status panel.
   */
  onRun: (query: DashboardQuery) => Promise<void>;
  submitting: boolean;
  /** The question to start from (a link or a preset) instead of the defaults; read once. */
  initialValues?: DashboardDraft | undefined;
  /** Runs the initial values when the form appears, through `onRunRestored` if given. */
  runOnMount?: boolean;
  onRunRestored?: QueryFormProps['onRun'];
  /** Every change of the values, by the user or by the form itself (e.g. the default org). */
  onValuesChange?: (values: DashboardDraft) => void;
}

/** Memoized: the page re-renders on every poll; the form only when its own props change. */
export const QueryForm = memo(function QueryForm(props: QueryFormProps) {
  const { now, onRun, submitting } = props;
  const partialHintId = useId();
  // The rules depend on the chosen org's history, which depends on the form's values: the
  // resolver reads the latest schema through a ref, so bounds arriving later apply from then on.
  const schemaRef = useRef<QueryFormSchema>(null);
  const form = useForm<DashboardDraft, unknown, DashboardQuery>({
    resolver: (values, context, options) =>
      zodResolver(schemaRef.current ?? createQueryFormSchema(now))(values, context, options),
    defaultValues: props.initialValues ?? { ...emptyDraft(), period: defaultPeriod(now) },
    mode: 'onChange',
  });
  const { control, setValue, getValues, setError, formState } = form;
  const [orgId, projectIds, orgFilter] = useWatch({
    control,
    name: ['orgId', 'filters.projects', 'filters.organizations'],
  });
  const months = useMonthBounds(orgId, props.atlasMonths);
  const schema = useMemo(() => createQueryFormSchema(now, months.bounds), [now, months.bounds]);
  useLayoutEffect(() => {
    schemaRef.current = schema;
  }, [schema]);

  const orgs = useOrgs();
  const projects = useProjects(orgId);
  const [showDeleted, setShowDeleted] = useState(false);
  const clusters = useClusters(orgId, projectIds, showDeleted);
  /** Every cluster id a loaded list has shown: those are live, not deleted. */
  const seenClusters = useRef(new Set<string>());
  const services = useServices();

  // Default to the first organization, and move off one that disappeared.
  useEffect(() => {
    const items = orgs.data?.items;
    const first = items?.[0];
    if (first && !items.some((org) => org.id === getValues('orgId'))) setValue('orgId', first.id);
  }, [orgs.data, getValues, setValue]);

  // Clusters follow the chosen projects: drop chosen clusters the narrowed list no longer has.
  useEffect(() => {
    if (!clusters.data || clusters.isPlaceholderData) return;
    const known = new Set(clusters.data.items.map((cluster) => cluster.id));
    for (const id of known) seenClusters.current.add(id);
    const chosen = getValues('filters.clusters');
    const kept = chosen.filter((id) => known.has(id));
    if (kept.length === chosen.length) return;
    // A link or a preset may name clusters deleted since: look among those before dropping any
    // never seen in a list (a cluster of a project no longer chosen is simply dropped).
    if (!showDeleted && chosen.some((id) => !known.has(id) && !seenClusters.current.has(id))) {
      setShowDeleted(true);
      return;
    }
    setValue('filters.clusters', kept, { shouldValidate: true });
  }, [clusters.data, clusters.isPlaceholderData, getValues, setValue, showDeleted]);

  const submitTo = (handler: QueryFormProps['onRun']) =>
    form.handleSubmit(async (query) => {
      try {
        await handler(query);
      } catch (error) {
        // A 400 from the BFF: put each message on its field; the values stay as typed.
        for (const problem of toApiError(error).errors) {
          const { field, message } = toFormFieldError(problem.field, problem.message);
          setError(field ?? 'root.server', { type: 'server', message });
        }
      }
    });
  const onSubmit = submitTo(onRun);
  useFormSync(form, {
    runOnMount: props.runOnMount ?? false,
    // A link to kept months is checked against the org's history, not Atlas's window alone.
    ready: months.settled,
    onValuesChange: props.onValuesChange,
    runRestored: () => void submitTo(props.onRunRestored ?? onRun)(),
  });

  const rootError = formState.errors.root?.message ?? formState.errors.root?.server?.message;
  const scope = {
    control,
    hasOrg: Boolean(orgId),
    hasProjectFilter: projectIds.length > 0,
    projects,
    clusters,
    services,
  };
  return (
    <Paper withBorder p="md" component="section" aria-label="Query">
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack gap="md">
          <div className={classes.fields}>
            <OrgField
              control={control}
              orgs={orgs}
              onChange={() => {
                // Linked organization, project and cluster ids belong to the previous one.
                setValue('filters.organizations', []);
                setValue('filters.projects', []);
                setValue('filters.clusters', []);
              }}
              narrowedTo={orgFilter}
              onShowAll={() => setValue('filters.organizations', [], { shouldValidate: true })}
            />
            <MonthRangeField control={control} now={now} bounds={months.bounds} />
            <GroupByField control={control} />
            <ProjectsField {...scope} />
            <ClustersField
              {...scope}
              showDeleted={showDeleted}
              onShowDeletedChange={setShowDeleted}
            />
            <ServicesField {...scope} />
          </div>
          <Stack gap={4}>
            {/* The hint sits outside Switch's <label>, so the switch's name is exactly its label. */}
            <FormSwitch
              control={control}
              name="includePartialMatches"
              label="Include partially matching charges"
              aria-describedby={partialHintId}
            />
            <Text id={partialHintId} size="xs" c="dimmed">
              Adds charges not tied to a chosen project, cluster or service, such as support and
              credits.
            </Text>
          </Stack>
          {rootError && (
            <Alert color="red" role="alert" title="The query was not accepted">
              {rootError}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={submitting}>
              Run query
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
});

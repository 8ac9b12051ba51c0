import { Checkbox, Stack } from '@mantine/core';
import type { ClusterSummary, ProjectSummary } from '@ace/bff/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import type { PickerOption } from '../../../components/form/option-index';
import { VirtualMultiSelect } from '../../../components/form/virtual-multi-select';
import type { useClusters, useProjects, useServices } from '../api/picker-queries';
import type { QueryFormControl } from './form-control';
import { PickerRetry, pickerStateProps, type PickerStateOptions } from './picker-state';

interface ScopePickerProps extends Omit<PickerStateOptions, 'noun'> {
  control: QueryFormControl;
  name: 'filters.projects' | 'filters.clusters' | 'filters.services';
  label: string;
  /** Plural, lower case: "projects" (messages, the retry button, the chips' summary). */
  noun: string;
  query: Pick<
    UseQueryResult,
    'isPending' | 'isError' | 'error' | 'fetchStatus' | 'isFetching' | 'refetch'
  >;
  /** Memoized (a new array rebuilds the picker's search index). */
  options: readonly PickerOption[];
  /** Shown between the picker and its retry button. */
  children?: ReactNode;
}

/**
 * A virtual multi-select over one picker list, with its loading, empty and error looks and a
 * retry. Only plain values reach the (memoized) picker, so the form's own re-renders (a poll,
 * `submitting`) pass it by.
 */
function ScopePicker({
  control,
  name,
  label,
  query,
  options,
  children,
  ...state
}: ScopePickerProps) {
  return (
    <Stack gap={4}>
      <VirtualMultiSelect
        control={control}
        name={name}
        label={label}
        options={options}
        noun={state.noun}
        nothingFoundMessage={`No matching ${state.noun}`}
        {...pickerStateProps(query, state)}
      />
      {children}
      <PickerRetry query={query} noun={state.noun} />
    </Stack>
  );
}

const NO_OPTIONS: readonly PickerOption[] = [];

interface ScopeFieldsProps {
  control: QueryFormControl;
  hasOrg: boolean;
  hasProjectFilter: boolean;
  projects: ReturnType<typeof useProjects>;
  clusters: ReturnType<typeof useClusters>;
  services: ReturnType<typeof useServices>;
}

export function ProjectsField({ control, hasOrg, projects }: ScopeFieldsProps) {
  const items = projects.data?.items;
  const options = useMemo(
    () => items?.map((p) => ({ value: p.id, label: p.name })) ?? NO_OPTIONS,
    [items],
  );
  return (
    <ScopePicker
      control={control}
      name="filters.projects"
      label="Projects"
      query={projects}
      options={options}
      noun="projects"
      emptyMessage="No projects in this organization"
      waitingMessage={hasOrg ? undefined : 'Choose an organization first'}
      placeholder="All projects (type to search)"
      itemCount={items?.length}
    />
  );
}

/**
 * Clusters grouped under their project's name, so same-named clusters stay distinguishable;
 * groups in order of first appearance, as Mantine's grouped data had them.
 */
function clusterOptions(
  clusters: ClusterSummary[],
  projects: ProjectSummary[] | undefined,
): PickerOption[] {
  const projectName = new Map(projects?.map((p) => [p.id, p.name]));
  const groups = new Map<string, PickerOption[]>();
  for (const cluster of clusters) {
    const group = projectName.get(cluster.projectId) ?? cluster.projectId;
    const items = groups.get(group) ?? [];
    items.push({
      value: cluster.id,
      label: cluster.deleted ? `${cluster.name} (deleted)` : cluster.name,
      group,
    });
    groups.set(group, items);
  }
  return [...groups.values()].flat();
}

export function ClustersField({
  control,
  hasOrg,
  hasProjectFilter,
  clusters,
  projects,
  showDeleted,
  onShowDeletedChange,
}: ScopeFieldsProps & { showDeleted: boolean; onShowDeletedChange: (show: boolean) => void }) {
  const items = clusters.data?.items;
  const projectItems = projects.data?.items;
  const options = useMemo(
    () => (items ? clusterOptions(items, projectItems) : NO_OPTIONS),
    [items, projectItems],
  );
  return (
    <ScopePicker
      control={control}
      name="filters.clusters"
      label="Clusters"
      query={clusters}
      options={options}
      noun="clusters"
      emptyMessage={
        hasProjectFilter ? 'No clusters in the chosen projects' : 'No clusters in this organization'
      }
      waitingMessage={hasOrg ? undefined : 'Choose an organization first'}
      placeholder={hasProjectFilter ? 'All clusters of the chosen projects' : 'All clusters'}
      itemCount={items?.length}
    >
      <Checkbox
        size="xs"
        label="Include deleted clusters (their past costs)"
        checked={showDeleted}
        onChange={(event) => onShowDeletedChange(event.currentTarget.checked)}
      />
    </ScopePicker>
  );
}

export function ServicesField({ control, services }: ScopeFieldsProps) {
  const items = services.data?.items;
  const options = useMemo(
    () => items?.map((s) => ({ value: s.id, label: s.name })) ?? NO_OPTIONS,
    [items],
  );
  return (
    <ScopePicker
      control={control}
      name="filters.services"
      label="Services"
      query={services}
      options={options}
      noun="services"
      emptyMessage="No services available"
      placeholder="All services"
      itemCount={items?.length}
    />
  );
}

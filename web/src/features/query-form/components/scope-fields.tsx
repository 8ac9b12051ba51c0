import { Checkbox, Stack } from '@mantine/core';
import type { ClusterSummary, ProjectSummary } from '@ace/bff/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormMultiSelect } from '../../../components/form/form-multi-select';
import type { useClusters, useProjects, useServices } from '../api/picker-queries';
import type { QueryFormControl } from './form-control';
import { PickerRetry, pickerStateProps, type PickerStateOptions } from './picker-state';

/** Render at most this many options; search reaches the rest, so hundreds stay quick. */
const OPTION_LIMIT = 100;

const multiSelectDefaults = {
  searchable: true,
  clearable: true,
  limit: OPTION_LIMIT,
  maxDropdownHeight: 280,
  hidePickedOptions: false,
};

interface ScopePickerProps extends Omit<PickerStateOptions, 'noun'> {
  control: QueryFormControl;
  name: 'filters.projects' | 'filters.clusters' | 'filters.services';
  label: string;
  /** Plural, lower case: "projects" (messages, the retry button). */
  noun: string;
  query: Pick<
    UseQueryResult,
    'isPending' | 'isError' | 'error' | 'fetchStatus' | 'isFetching' | 'refetch'
  >;
  data: Parameters<typeof FormMultiSelect>[0]['data'];
  /** Shown between the picker and its retry button. */
  children?: ReactNode;
}

/** A multi-select over one picker list, with its loading, empty and error looks and a retry. */
function ScopePicker({
  control,
  name,
  label,
  query,
  data,
  children,
  ...options
}: ScopePickerProps) {
  return (
    <Stack gap={4}>
      <FormMultiSelect
        {...multiSelectDefaults}
        control={control}
        name={name}
        label={label}
        data={data}
        nothingFoundMessage={`No matching ${options.noun}`}
        {...pickerStateProps(query, options)}
      />
      {children}
      <PickerRetry query={query} noun={options.noun} />
    </Stack>
  );
}

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
  return (
    <ScopePicker
      control={control}
      name="filters.projects"
      label="Projects"
      query={projects}
      data={items?.map((p) => ({ value: p.id, label: p.name })) ?? []}
      noun="projects"
      emptyMessage="No projects in this organization"
      waitingMessage={hasOrg ? undefined : 'Choose an organization first'}
      placeholder="All projects (type to search)"
      itemCount={items?.length}
    />
  );
}

/** Clusters grouped under their project's name, so same-named clusters stay distinguishable. */
function clusterOptions(clusters: ClusterSummary[], projects: ProjectSummary[] | undefined) {
  const projectName = new Map(projects?.map((p) => [p.id, p.name]));
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const cluster of clusters) {
    const group = projectName.get(cluster.projectId) ?? cluster.projectId;
    const items = groups.get(group) ?? [];
    items.push({
      value: cluster.id,
      label: cluster.deleted ? `${cluster.name} (deleted)` : cluster.name,
    });
    groups.set(group, items);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
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
  return (
    <ScopePicker
      control={control}
      name="filters.clusters"
      label="Clusters"
      query={clusters}
      data={items ? clusterOptions(items, projects.data?.items) : []}
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
  return (
    <ScopePicker
      control={control}
      name="filters.services"
      label="Services"
      query={services}
      data={items?.map((s) => ({ value: s.id, label: s.name })) ?? []}
      noun="services"
      emptyMessage="No services available"
      placeholder="All services"
      itemCount={items?.length}
    />
  );
}

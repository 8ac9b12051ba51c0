import { Button, Group, Stack, Text } from '@mantine/core';
import { FormSelect } from '../../../components/form/form-select';
import type { useOrgs } from '../api/picker-queries';
import type { QueryFormControl } from './form-control';
import { PickerRetry, pickerStateProps } from './picker-state';

interface OrgFieldProps {
  control: QueryFormControl;
  orgs: ReturnType<typeof useOrgs>;
  onChange: () => void;
  /** The question's organizations filter (a link, a preset or a drill-down may narrow to some). */
  narrowedTo: readonly string[];
  onShowAll: () => void;
}

export function OrgField({ control, orgs, onChange, narrowedTo, onShowAll }: OrgFieldProps) {
  const items = orgs.data?.items;
  const state = pickerStateProps(orgs, {
    noun: 'organizations',
    emptyMessage: 'No organizations you have access to. Ask an administrator to grant one.',
    placeholder: 'Choose an organization',
    itemCount: items?.length,
  });
  const nameOf = (id: string) => items?.find((org) => org.id === id)?.name ?? id;
  return (
    <Stack gap={4}>
      <FormSelect
        control={control}
        name="orgId"
        label="Organization"
        data={items?.map((org) => ({ value: org.id, label: org.name })) ?? []}
        searchable
        allowDeselect={false}
        nothingFoundMessage="No matching organizations"
        onValueChange={onChange}
        {...state}
      />
      {narrowedTo.length > 0 && (
        <Group gap="xs">
          <Text size="xs">Only {narrowedTo.map(nameOf).join(', ')}</Text>
          <Button size="compact-xs" variant="subtle" onClick={onShowAll}>
            All linked organizations
          </Button>
        </Group>
      )}
      <PickerRetry query={orgs} noun="organizations" />
    </Stack>
  );
}

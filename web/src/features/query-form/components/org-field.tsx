import { Stack } from '@mantine/core';
import { FormSelect } from '../../../components/form/form-select';
import type { useOrgs } from '../api/picker-queries';
import type { QueryFormControl } from './form-control';
import { PickerRetry, pickerStateProps } from './picker-state';

interface OrgFieldProps {
  control: QueryFormControl;
  orgs: ReturnType<typeof useOrgs>;
  onChange: () => void;
}

export function OrgField({ control, orgs, onChange }: OrgFieldProps) {
  const items = orgs.data?.items;
  const state = pickerStateProps(orgs, {
    noun: 'organizations',
    emptyMessage: 'No organizations you have access to. Ask an administrator to grant one.',
    placeholder: 'Choose an organization',
    itemCount: items?.length,
  });
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
      <PickerRetry query={orgs} noun="organizations" />
    </Stack>
  );
}

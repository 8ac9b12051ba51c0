import { Button, Group, Stack } from '@mantine/core';
import type { GroupBy } from '@ace/bff/contract';
import { FormSelect } from '../../../components/form/form-select';
import { GROUP_BY_OPTIONS, GROUP_NOUN, type GroupByChoice } from '../form-values';
import { groupByRuleMessage } from '../query-form-schema';
import type { QueryFormControl } from './form-control';

/** Atlas caps a filter list at 500 ids; "select all" beyond that would only fail. */
const MAX_SELECT_ALL = 500;

interface GroupByFieldProps {
  control: QueryFormControl;
  groupBy: GroupByChoice;
  errorMessage: string | undefined;
  /** Every id the picker of each dimension currently offers. */
  available: Partial<Record<GroupBy, string[]>>;
  onSelectAll: (dimension: Exclude<GroupBy, 'organizations'>, ids: string[]) => void;
  onClear: () => void;
}

export function GroupByField({
  control,
  groupBy,
  errorMessage,
  available,
  onSelectAll,
  onClear,
}: GroupByFieldProps) {
  const ruleBroken =
    groupBy !== 'none' &&
    groupBy !== 'organizations' &&
    errorMessage === groupByRuleMessage(groupBy);
  const ids = ruleBroken ? (available[groupBy] ?? []) : [];
  return (
    <Stack gap={4}>
      <FormSelect
        control={control}
        name="groupBy"
        label="Group by"
        data={GROUP_BY_OPTIONS}
        allowDeselect={false}
      />
      {ruleBroken && (
        <Group gap="xs" role="group" aria-label="Quick fixes">
          {ids.length > 0 && ids.length <= MAX_SELECT_ALL && (
            <Button size="compact-sm" variant="light" onClick={() => onSelectAll(groupBy, ids)}>
              Select all {ids.length} {ids.length === 1 ? GROUP_NOUN[groupBy] : groupBy}
            </Button>
          )}
          <Button size="compact-sm" variant="subtle" onClick={onClear}>
            Clear group-by
          </Button>
        </Group>
      )}
    </Stack>
  );
}

import type { GroupBy } from '@ace/bff/contract';
import { FormSelect } from '../../../components/form/form-select';
import type { QueryFormControl } from './form-control';

const NONE = 'none';

const GROUP_BY_OPTIONS: { value: GroupBy | typeof NONE; label: string }[] = [
  { value: NONE, label: 'None' },
  { value: 'organizations', label: 'Organizations' },
  { value: 'projects', label: 'Projects' },
  { value: 'clusters', label: 'Clusters' },
  { value: 'services', label: 'Services' },
];

/** "None" is the form's undefined group-by (Atlas's rows per service then). */
export function GroupByField({ control }: { control: QueryFormControl }) {
  return (
    <FormSelect
      control={control}
      name="groupBy"
      label="Group by"
      data={GROUP_BY_OPTIONS}
      emptyValue={NONE}
      allowDeselect={false}
      // Atlas groups only by values it is given; the BFF gives it every one not narrowed here.
      description="All of them, unless you choose some below"
    />
  );
}

import type { Control } from 'react-hook-form';
import type { QueryFormValues } from '../form-values';
import type { QueryFormOutput } from '../query-form-schema';

/** The form's control, as every field component of this feature receives it. */
export type QueryFormControl = Control<QueryFormValues, unknown, QueryFormOutput>;

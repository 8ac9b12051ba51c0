import type { DashboardQuery } from '@ace/bff/contract';
import type { Control } from 'react-hook-form';
import type { DashboardDraft } from '../../../lib/dashboard-draft';

/** The form's control, as every field component of this feature receives it. */
export type QueryFormControl = Control<DashboardDraft, unknown, DashboardQuery>;

import { z } from 'zod';
import { monthStartSchema } from './months';

/**
 * `GET /api/orgs/:orgId/history`: how far back the month picker may go. Atlas serves the last
 * `atlasMonths` months; months this dashboard kept when Atlas still served them remain
 * queryable back to `earliestKeptMonth` (null when nothing older than Atlas's window is kept for
 * questions this viewer may ask).
 */
export const keptHistorySchema = z.object({
  atlasMonths: z.number().int().positive(),
  atlasEarliestMonth: monthStartSchema,
  earliestKeptMonth: monthStartSchema.nullable(),
  /** How many months back kept months stay before they are deleted. */
  keepMonths: z.number().int().nonnegative(),
});
export type KeptHistory = z.infer<typeof keptHistorySchema>;

import {
  currentMonthStart,
  monthFromIndex,
  monthIndex,
  retentionWindow,
  type KeptHistory,
  type MonthBounds,
} from '../contract';
import type { Logger } from '../logger';
import type { SliceRepository } from '../store/job-types';
import { assertCanSee, type Viewer } from './access';
import { keptHistoryFloor } from './cost-queries/month-slices';

export interface HistorySettings {
  /** How many months back Atlas serves. */
  atlasMonths: number;
  /** How many months back kept months stay (0: none past Atlas's window are kept). */
  keepMonths: number;
}

export interface HistoryService {
  /** What the month picker may offer this viewer for this organization. */
  summary(viewer: Viewer, orgId: string): Promise<KeptHistory>;
  /**
   * The edge's bounds for a question about `orgId`: Atlas's window, or back to the oldest month
   * kept for any question about the organization (the service then checks this question's own
   * months). One store read, no Atlas call: a question reaching past both is refused at once.
   */
  bounds(now: Date, orgId: string): Promise<Required<MonthBounds>>;
  /** How many months back Atlas serves. */
  readonly atlasMonths: number;
  /** The admin command: deletes kept months before `before` (all of them when absent). */
  forget(options: { orgId?: string; before?: string }): Promise<number>;
}

/**
 * History beyond Atlas's window: months this dashboard kept (as month slices, see
 * cost-queries/month-slices.ts) stay queryable after Atlas stops serving them, for as long as
 * HISTORY_KEEP_MONTHS says. A viewer is told only of months kept for questions about
 * organizations they may all see. (The sweeper deletes kept months older than the retention.)
 */
export function createHistoryService(options: {
  slices: SliceRepository;
  settings: HistorySettings;
  logger: Logger;
  now?: () => Date;
}): HistoryService {
  const { slices, settings, logger } = options;
  const now = options.now ?? (() => new Date());
  const keepFloor = (at: Date) => keptHistoryFloor(at, settings.keepMonths);

  return {
    async summary(viewer, orgId) {
      assertCanSee(viewer, [orgId]);
      const at = now();
      const { earliestStart } = retentionWindow(at, settings.atlasMonths);
      const floor = keepFloor(at);
      let oldest: string | undefined;
      for (const kept of await slices.oldestKept(orgId)) {
        if (!kept.organizations.every((id) => viewer.canSee(id))) continue;
        if (monthIndex(kept.month) < monthIndex(floor)) continue;
        if (oldest === undefined || monthIndex(kept.month) < monthIndex(oldest)) {
          oldest = kept.month;
        }
      }
      const beyond = oldest !== undefined && monthIndex(oldest) < monthIndex(earliestStart);
      return {
        atlasMonths: settings.atlasMonths,
        atlasEarliestMonth: earliestStart,
        earliestKeptMonth: beyond ? oldest! : null,
        keepMonths: settings.keepMonths,
      };
    },
    async bounds(at, orgId) {
      const { earliestStart } = retentionWindow(at, settings.atlasMonths);
      const floor = monthIndex(keepFloor(at));
      let earliestKept: string | null = null;
      for (const { month } of await slices.oldestKept(orgId)) {
        const index = monthIndex(month);
        if (index < floor || index >= monthIndex(earliestStart)) continue;
        if (earliestKept === null || index < monthIndex(earliestKept)) earliestKept = month;
      }
      return { atlasMonths: settings.atlasMonths, earliestKept };
    },
    atlasMonths: settings.atlasMonths,
    async forget({ orgId, before }) {
      // Without a month: everything kept (of one organization, or of all), the current month too.
      const until = before ?? monthFromIndex(monthIndex(currentMonthStart(now())) + 1);
      const deleted = await slices.deleteMonthsBefore(until, orgId);
      logger.info({ orgId: orgId ?? 'all', before: until, deleted }, 'kept history deleted');
      return deleted;
    },
  };
}

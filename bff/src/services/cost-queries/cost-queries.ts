import { randomBytes } from 'node:crypto';
import {
  monthEndMs,
  monthIndex,
  resolvePeriod,
  retentionWindow,
  type CostQueryCreated,
  type DashboardQuery,
} from '../../contract';
import { AppError, notFound } from '../../errors';
import { assertCanSee, type Viewer } from '../access';
import type { Logger } from '../../logger';
import type { JobRepository, ResultRepository, SliceRepository } from '../../store/job-types';
import type { CacheTtls } from './cache-policy';
import { DoneStates } from './done-states';
import { createJobFailures } from './job-failures';
import { JobRunner, type JobHooks } from './job-runner';
import { JobWatch } from './job-watch';
import type { StepDeps } from './job-step';
import type { TransitionSettings } from './job-transitions';
import { viewOf } from './job-view';
import { assertNothingUnseen, type OrgScope } from '../org-scope';
import { queryKeyOf } from './query-key';
import { auditedQuery, toAtlasQuery } from './atlas-query';
import { groupValuesFor } from './group-values';
import { jobQueryOf, newJobQuery } from './job-query';
import { missingSpans, monthsIn, sliceKeyOf } from './month-slices';
import { planQuery } from './query-plan';
import { composeKept, upgradeLegacyResult } from './result-assembly';
import { resultTtlMs } from './cache-policy';
import type { PickerService } from '../pickers';

export interface CostQuerySettings extends TransitionSettings {
  /** A query still processing after this long is failed with a clear message. */
  deadlineMs: number;
  sweepMs: number;
  retentionMs: number;
  cacheTtl: CacheTtls;
  /** Memory for finished results kept ready for polls (default 64 MB). */
  doneStateBytes?: number;
  /** How often a held poll's job is read again, to notice another replica's progress (0: never). */
  longPollRecheckMs: number;
  /** Ids one Atlas query carries in a list at most; a group-by over more is asked in parts. */
  maxIdsPerQuery: number;
  /** How many months back Atlas serves; older months are answered only from kept slices. */
  atlasHistoryMonths: number;
  /** How many months back kept slices are kept (the sweeper deletes older ones). */
  keepHistoryMonths: number;
}

export interface CostQueryServiceOptions extends StepDeps {
  /** Test hooks between a job's writes (see JobRunner); never set in production. */
  hooks?: JobHooks;
  jobs: JobRepository;
  results: ResultRepository;
  slices: SliceRepository;
  /** This process's name on the leases it holds; unique per start. */
  replicaId: string;
  settings: CostQuerySettings;
  logger: Logger;
  /** Who did what, one line per created query (no secrets, no amounts). */
  audit: Logger;
  /** Which organizations a query covers (and whether this organization is served at all). */
  scope: OrgScope;
  /** Project and cluster lists, to name every value of a group-by that chose none. */
  lists: Pick<PickerService, 'listProjects' | 'listClusters'>;
  now?: () => number;
}

export interface CostQueryService {
  /** `refresh`: skip the result cache (an identical query already in flight is still joined). */
  /** 403 unless the viewer may see the question's org and every org in its `organizations`. */
  create(
    viewer: Viewer,
    question: DashboardQuery,
    options: {
      /** Whose watch this is (see `requesterOf`): only its own watch can be given up. */
      watcher: string;
      refresh?: boolean;
    },
  ): Promise<CostQueryCreated>;
  /**
   * The job's state as the JSON to send. A job (or cached result) about an org the viewer may
   * not see is 404, exactly like an unknown id.
   */
  get(
    viewer: Viewer,
    orgId: string,
    id: string,
    /**
     * A long poll: while the job is processing, answer when it changes, after `waitMs`, or when
     * `signal` aborts (the browser went away), whichever is first. Checks run before holding.
     */
    hold?: { waitMs: number; signal: AbortSignal },
  ): Promise<{ json: string; retryAfterSeconds?: number }>;
  /** The caller's watch ends (others' stay); the job stops when the last watch goes. */
  /**
   * A finished query's usage rows in columns (contract `usageRowsSchema`, as JSON text), under
   * the same rule as its poll: 404 for a query this viewer may not watch, or one not done. The
   * text comes in pieces, read from the store as they are sent: never whole in memory.
   */
  rows(
    viewer: Viewer,
    orgId: string,
    id: string,
  ): Promise<AsyncIterable<string> | Iterable<string>>;
  cancel(viewer: Viewer, orgId: string, id: string, watcher: string): Promise<void>;
  /** Starts the loop that resumes jobs left by a previous run or another replica. */
  start(): void;
  /** Answers every held poll now (shutdown: before the server waits for requests to end). */
  releaseHeldPolls(): void;
  /** Stops polling Atlas and hands the jobs' leases back for whoever runs next. */
  close(): Promise<void>;
  /** Held polls on a job, or on all jobs (for tests: a closed connection must leave none). */
  heldPolls(id?: string): number;
}

/** 128 random bits: the browser-facing id, never Atlas's token. */
const newJobId = () => randomBytes(16).toString('base64url');

/**
 * Cost queries as shared, persistent jobs: one Atlas query per question in flight, finished
 * results reused until they expire, and every upstream call made by the job's lease holder.
 */
export function createCostQueryService(options: CostQueryServiceOptions): CostQueryService {
  const { jobs, results, slices, settings, logger, audit, replicaId, scope, lists } = options;
  const now = options.now ?? Date.now;
  const watch = new JobWatch(jobs, settings.longPollRecheckMs);
  const runner = new JobRunner({
    ...options,
    failures: createJobFailures(settings.deadlineMs),
    now,
    onSaved: (job) => watch.notify(job),
  });
  const doneStates = new DoneStates(settings.doneStateBytes ?? 64 * 1024 * 1024);

  /** The job and its query, if this viewer may watch it (404 otherwise, as for an unknown id). */
  async function watchable(viewer: Viewer, orgId: string, id: string, what: string) {
    const job = await jobs.get(id);
    const query = job && jobQueryOf(job);
    if (
      !job ||
      !query ||
      job.orgId !== orgId ||
      job.phase === 'cancelled' ||
      !mayWatch(viewer, query.atlas.organizations)
    ) {
      throw notFound(what);
    }
    return { job, query };
  }

  /** The job's state now; the job itself while it is processing (a poll may wait on it). */
  async function read(viewer: Viewer, orgId: string, id: string) {
    const remembered = doneStates.get(id);
    if (remembered && remembered.orgId === orgId) {
      if (!mayWatch(viewer, remembered.organizations)) throw notFound('This query');
      return { view: { json: remembered.json } };
    }
    const { job, query } = await watchable(viewer, orgId, id, 'This query');
    if (job.phase === 'failed') return { view: viewOf(job, query, now()) };
    if (job.phase !== 'done') return { view: viewOf(job, query, now()), processing: job };
    const result = job.resultId ? await results.get(job.resultId) : undefined;
    if (!result) throw notFound('This query’s result');
    const payload = upgradeLegacyResult(result.payload, query.atlas)?.payload ?? result.payload;
    const view = viewOf(job, query, now(), payload);
    const { organizations } = query.atlas;
    doneStates.remember(id, { orgId: job.orgId, organizations, json: view.json });
    return { view };
  }

  return {
    async create(viewer, question, createOptions) {
      const { orgId } = question;
      assertCanSee(viewer, [orgId, ...question.filters.organizations]);
      // Always an explicit list: the key (single flight, result cache) includes it, so viewers
      // with different grants never share a job or a result.
      const organizations = await scope.organizationsFor(
        viewer,
        orgId,
        question.filters.organizations,
      );
      assertNothingUnseen(await scope.unseen(viewer, question.filters));
      const at = now();
      const months = resolvePeriod(question.period, new Date(at));
      const atlasQuery = toAtlasQuery(
        question,
        months,
        organizations,
        await groupValuesFor(lists, question, organizations),
      );
      const record = (jobId: string, outcome: string) =>
        audit.info(
          {
            event: 'cost-query',
            user: viewer.id,
            orgId,
            query: auditedQuery(atlasQuery),
            jobId,
            outcome,
          },
          'cost query requested',
        );
      const queryKey = queryKeyOf(atlasQuery);
      const fromCache = async (resultId: string, dataFetchedAt: number) => {
        const job = await jobs.insertFromCache({
          id: newJobId(),
          orgId,
          queryKey,
          query: newJobQuery(atlasQuery, question),
          createdAt: at,
          resultId,
          dataFetchedAt,
        });
        logger.info({ jobId: job.id, orgId, fetchedAt: dataFetchedAt }, 'cost query from cache');
        record(job.id, 'cache');
        return { id: job.id, status: 'done' as const };
      };
      const allMonths = monthsIn(months);
      const { earliestStart } = retentionWindow(new Date(at), settings.atlasHistoryMonths);
      const beyond = allMonths.filter((m) => monthIndex(m) < monthIndex(earliestStart));
      // A cached answer to a question reaching past Atlas's window may predate the window's move
      // (a new month, a shorter ATLAS_HISTORY_MONTHS) and so lack the kept months' labels: the
      // kept slices below answer it again, labelled, still without asking Atlas.
      const fresh =
        createOptions.refresh || beyond.length > 0
          ? undefined
          : await results.findFresh(orgId, queryKey, at);
      if (fresh) return fromCache(fresh.id, fresh.fetchedAt);
      // The months already known (kept slices) are not asked again: only the missing spans are.
      // Months Atlas no longer serves can only come from what this dashboard kept.
      const sliceKey = sliceKeyOf(atlasQuery);
      // Only a month fetched after it closed is history: one seen while it ran is not its bill.
      const keptBeyond = (await slices.findKept(sliceKey, beyond)).filter(
        (k) => k.fetchedAt >= monthEndMs(k.month),
      );
      if (keptBeyond.length < beyond.length) {
        throw notKept(beyond, keptBeyond, earliestStart, settings.atlasHistoryMonths);
      }
      const known = createOptions.refresh
        ? keptBeyond
        : [...keptBeyond, ...(await slices.findFresh(sliceKey, allMonths, at))];
      const spans = missingSpans(allMonths, new Set(known.map((k) => k.month)));
      if (spans.length === 0) {
        const kept = await composeKept(
          slices,
          atlasQuery,
          allMonths,
          at,
          settings.atlasHistoryMonths,
        );
        if (kept) {
          const resultId = newJobId();
          await results.insert({
            id: resultId,
            orgId,
            queryKey,
            payload: kept.payload,
            detail: kept.detail,
            fetchedAt: kept.fetchedAt,
            expiresAt: at + resultTtlMs(atlasQuery, new Date(at), settings.cacheTtl),
          });
          return fromCache(resultId, kept.fetchedAt);
        }
      }
      const plan = planQuery(
        atlasQuery,
        spans.length > 0 ? spans : [months],
        settings.maxIdsPerQuery,
      );
      const query = newJobQuery(atlasQuery, question, plan);
      const { job, joined } = await jobs.insertOrJoin(
        {
          id: newJobId(),
          orgId,
          queryKey,
          query,
          createdAt: at,
          deadlineAt: at + settings.deadlineMs,
          nextAttemptAt: at,
          pollDelayMs: settings.poll.initialMs,
          leaseOwner: replicaId,
          leaseUntil: at + settings.leaseMs,
        },
        createOptions.watcher,
      );
      if (joined) {
        logger.info({ jobId: job.id, orgId, watchers: job.watchers }, 'cost query joined');
        record(job.id, 'joined');
        return { id: job.id, status: 'processing' };
      }
      logger.info(
        { jobId: job.id, orgId, query: auditedQuery(atlasQuery), parts: plan.parts.length },
        'cost query created',
      );
      record(job.id, 'created');
      // The creator makes the POST itself, so Atlas's 400 (or 403, 404) reaches this request.
      const report = await runner.runNow(job.id);
      if (report.failure) throw report.failure;
      return { id: job.id, status: 'processing' };
    },

    async get(viewer, orgId, id, hold) {
      assertCanSee(viewer, [orgId]);
      const first = await read(viewer, orgId, id);
      if (!first.processing || !hold || hold.waitMs <= 0 || hold.signal.aborted) return first.view;
      await watch.waitForChange(first.processing, hold.waitMs, hold.signal);
      // Read again, with every check: the job may have finished, failed, or gone meanwhile.
      return (await read(viewer, orgId, id)).view;
    },

    async rows(viewer, orgId, id) {
      assertCanSee(viewer, [orgId]);
      const { job, query } = await watchable(viewer, orgId, id, 'This query’s rows');
      if (job.phase !== 'done' || !job.resultId) throw notFound('This query’s rows');
      const stored = await results.getDetail(job.resultId);
      if (!stored) throw notFound('This query’s rows');
      if (stored.detail !== null) return stored.detail;
      const legacy = await results.get(job.resultId);
      const upgraded = legacy && upgradeLegacyResult(legacy.payload, query.atlas);
      if (!upgraded) throw notFound('This query’s rows');
      return upgraded.detail.pieces;
    },

    async cancel(viewer, orgId, id, watcher) {
      assertCanSee(viewer, [orgId]);
      const job = await jobs.get(id);
      const query = job && jobQueryOf(job);
      if (!job || !query || job.orgId !== orgId || !mayWatch(viewer, query.atlas.organizations)) {
        throw notFound('This query');
      }
      const left = await jobs.leave(id, orgId, watcher, now());
      if (!left) throw notFound('This query');
      // Only the caller's own watch goes: another viewer's query keeps running.
      if (left.phase === 'cancelled') {
        runner.forget(id);
        // Polls held on it answer now (404, as for any cancelled query).
        const cancelled = await jobs.get(id);
        if (cancelled) watch.notify(cancelled);
      }
    },

    start: () => runner.start(),
    releaseHeldPolls: () => watch.close(),
    close: () => {
      watch.close();
      return runner.stop();
    },
    heldPolls: (id) => watch.holders(id),
  };
}

/** A job is shown only to viewers who may see every organization its query names. */
function mayWatch(viewer: Viewer, organizations: readonly string[]): boolean {
  return organizations.every((orgId) => viewer.canSee(orgId));
}

/**
 * 400 for a question reaching back past Atlas's window to months this dashboard did not keep
 * for it: nothing is sent to Atlas, which would refuse the whole range.
 */
function notKept(
  beyond: readonly string[],
  kept: ReadonlyArray<{ month: string }>,
  atlasEarliest: string,
  atlasMonths: number,
): AppError {
  const have = new Set(kept.map((k) => k.month));
  const missing = beyond.filter((m) => !have.has(m));
  const named = missing.length === 1 ? missing[0] : `${missing[0]} … ${missing.at(-1)}`;
  return new AppError({
    status: 400,
    title: 'Months no longer served',
    detail: `Atlas serves the last ${atlasMonths} months (from ${atlasEarliest}), and this dashboard kept no answer to this question for ${named}. Start at ${atlasEarliest}, or ask a question this dashboard kept for those months.`,
    errors: [
      {
        field: 'period.first',
        message: `must not be before ${atlasEarliest} for this question: ${named} was not kept`,
      },
    ],
  });
}

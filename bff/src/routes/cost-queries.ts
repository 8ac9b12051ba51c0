import { dashboardQuerySchemaAt } from '../contract';
import { AppError } from '../errors';
import { requesterOf } from '../http/requester';
import { parseOr400 } from '../http/validate';
import type { CostQueryService } from '../services/cost-queries/cost-queries';
import type { HistoryService } from '../services/history';
import type { RouteBindings } from './route-table';
import type { RequestHandler, Response } from 'express';

export function costQueryRoutes(
  costQueries: CostQueryService,
  history: HistoryService,
  now: () => Date,
  /** The per-user creation limit (each create can cost Atlas calls); it counts bad requests too. */
  createLimit: RequestHandler,
): RouteBindings<
  'createCostQuery' | 'getCostQuery' | 'getCostQueryRows' | 'cancelCostQuery' | 'getHistory'
> {
  return {
    getHistory: async ({ params: { orgId } }, { viewer }) => ({
      body: await history.summary(viewer, orgId),
    }),

    createCostQuery: {
      before: [createLimit],
      handle: async ({ params: { orgId }, query: { refresh }, body }, { req, res, viewer }) => {
        if (body.orgId !== undefined && body.orgId !== orgId) {
          throw new AppError({
            status: 400,
            title: 'Invalid request',
            detail: 'Check orgId: it must be the organization in the path',
            errors: [{ field: 'orgId', message: 'must be the organization in the path' }],
          });
        }
        // The format was checked against the table; now the months that can be answered today
        // (Atlas's window, or back to where kept months may reach: the service checks those).
        const at = now();
        const question = parseOr400(
          dashboardQuerySchemaAt(at, await history.bounds(at, orgId)),
          { ...body, orgId },
          'body',
        );
        const created = await costQueries.create(viewer, question, {
          watcher: requesterOf(req, res),
          refresh: refresh === 'true',
        });
        return {
          body: created,
          headers: { Location: `/api/orgs/${orgId}/cost-queries/${created.id}` },
        };
      },
    },

    getCostQuery: async ({ params: { orgId, id }, query: { wait } }, { res, viewer }) => {
      const { json, retryAfterSeconds } = wait
        ? await heldPoll(res, (signal) =>
            costQueries.get(viewer, orgId, id, { waitMs: wait * 1000, signal }),
          )
        : await costQueries.get(viewer, orgId, id);
      return {
        // Serialized by the service: a finished result is sent as stored, without JSON work here.
        json,
        ...(retryAfterSeconds !== undefined && {
          headers: { 'Retry-After': String(retryAfterSeconds) },
        }),
      };
    },

    // Stored as JSON text in pieces: sent piece by piece as read, compressed on the way (app.ts).
    getCostQueryRows: async ({ params: { orgId, id } }, { viewer }) => ({
      jsonPieces: await costQueries.rows(viewer, orgId, id),
    }),

    cancelCostQuery: async ({ params: { orgId, id } }, { req, res, viewer }) => {
      await costQueries.cancel(viewer, orgId, id, requesterOf(req, res));
      return {};
    },
  };
}

/** Runs a long poll that ends early when the browser goes away (its socket closes). */
async function heldPoll<T>(res: Response, poll: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const gone = new AbortController();
  const abort = () => gone.abort();
  res.once('close', abort);
  try {
    return await poll(gone.signal);
  } finally {
    res.off('close', abort);
  }
}

import { Router } from 'express';
import { z } from 'zod';
import {
  costQueryIdSchema,
  dashboardQuerySchemaAt,
  objectIdSchema,
  orgPathSchema,
} from '../contract';
import { AppError } from '../errors';
import { viewerOf } from '../http/identity';
import { requesterOf } from '../http/requester';
import { parseOr400, queryParams } from '../http/validate';
import type { CostQueryService } from '../services/cost-queries/cost-queries';
import type { RequestHandler } from 'express';

const queryPathSchema = z.strictObject({ orgId: objectIdSchema, id: costQueryIdSchema });

/**
 * `?refresh=true` asks for fresh data from Atlas instead of the result cache. It is a query
 * parameter because the body is the dashboard question and must stay exactly that.
 */
const createOptionsSchema = z.strictObject({
  refresh: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

export function costQueryRoutes(
  costQueries: CostQueryService,
  now: () => Date,
  /** The per-user creation limit (each create can cost Atlas calls). */
  createLimit: RequestHandler,
): Router {
  const router = Router();

  router.post('/orgs/:orgId/cost-queries', createLimit, async (req, res) => {
    const { orgId } = parseOr400(orgPathSchema, req.params, 'orgId');
    const { refresh } = parseOr400(createOptionsSchema, queryParams(req.query), 'query');
    // The body is the dashboard question; its organization may be left to the path.
    const body: unknown = req.body ?? {};
    const withOrg = isRecord(body) && body.orgId === undefined ? { ...body, orgId } : body;
    const question = parseOr400(dashboardQuerySchemaAt(now()), withOrg, 'body');
    if (question.orgId !== orgId) {
      throw new AppError({
        status: 400,
        title: 'Invalid request',
        detail: 'Check orgId: it must be the organization in the path',
        errors: [{ field: 'orgId', message: 'must be the organization in the path' }],
      });
    }
    const created = await costQueries.create(viewerOf(res), question, {
      watcher: requesterOf(req, res),
      refresh: refresh === 'true',
    });
    res.status(202).location(`/api/orgs/${orgId}/cost-queries/${created.id}`).json(created);
  });

  router.get('/orgs/:orgId/cost-queries/:id', async (req, res) => {
    const { orgId, id } = parseOr400(queryPathSchema, req.params, 'path');
    const { json, retryAfterSeconds } = await costQueries.get(viewerOf(res), orgId, id);
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    // Serialized by the service: a finished result is sent as stored, without JSON work here.
    res.type('application/json').send(json);
  });

  router.delete('/orgs/:orgId/cost-queries/:id', async (req, res) => {
    const { orgId, id } = parseOr400(queryPathSchema, req.params, 'path');
    await costQueries.cancel(viewerOf(res), orgId, id, requesterOf(req, res));
    res.status(204).end();
  });

  return router;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

import { Router } from 'express';
import { z } from 'zod';
import {
  costQueryIdSchema,
  costQueryRequestSchemaAt,
  objectIdSchema,
  orgPathSchema,
} from '../contract';
import { parseOr400 } from '../http/validate';
import type { CostQueryService } from '../services/cost-queries';

const queryPathSchema = z.strictObject({ orgId: objectIdSchema, id: costQueryIdSchema });

export function costQueryRoutes(costQueries: CostQueryService, now: () => Date): Router {
  const router = Router();

  router.post('/orgs/:orgId/cost-queries', async (req, res) => {
    const { orgId } = parseOr400(orgPathSchema, req.params, 'orgId');
    const query = parseOr400(costQueryRequestSchemaAt(now()), req.body ?? {}, 'body');
    const created = await costQueries.create(orgId, query);
    res.status(202).location(`/api/orgs/${orgId}/cost-queries/${created.id}`).json(created);
  });

  router.get('/orgs/:orgId/cost-queries/:id', (req, res) => {
    const { orgId, id } = parseOr400(queryPathSchema, req.params, 'path');
    const { state, retryAfterSeconds } = costQueries.get(orgId, id);
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    res.json(state);
  });

  router.delete('/orgs/:orgId/cost-queries/:id', (req, res) => {
    const { orgId, id } = parseOr400(queryPathSchema, req.params, 'path');
    costQueries.cancel(orgId, id);
    res.status(204).end();
  });

  return router;
}

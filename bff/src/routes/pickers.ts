import { Router } from 'express';
import { z } from 'zod';
import { ATLAS_SERVICES, clusterListQuerySchema, orgPathSchema } from '../contract';
import { parseOr400 } from '../http/validate';
import type { PickerService } from '../services/pickers';

export function pickerRoutes(pickers: PickerService): Router {
  const router = Router();

  router.get('/orgs', async (_req, res) => {
    res.json({ items: await pickers.listOrgs() });
  });

  router.get('/orgs/:orgId/projects', async (req, res) => {
    const { orgId } = parseOr400(orgPathSchema, req.params, 'orgId');
    res.json({ items: await pickers.listProjects(orgId) });
  });

  router.get('/orgs/:orgId/clusters', async (req, res) => {
    const { orgId } = parseOr400(orgPathSchema, req.params, 'orgId');
    const { projects } = parseOr400(clusterListQuerySchema, singleValues(req.query), 'query');
    res.json({ items: await pickers.listClusters(orgId, projects) });
  });

  router.get('/services', (_req, res) => {
    res.json({ items: ATLAS_SERVICES.map((name) => ({ id: name, name })) });
  });

  return router;
}

/** Repeated query parameters (`?a=1&a=2`, HTTP parameter pollution) are rejected by the schema. */
function singleValues(query: unknown): unknown {
  return z.record(z.string(), z.unknown()).parse(query ?? {});
}

import { Router } from 'express';
import { ATLAS_SERVICES, clusterListQuerySchema, orgPathSchema } from '../contract';
import { viewerOf } from '../http/identity';
import { parseOr400, queryParams } from '../http/validate';
import { assertCanSee } from '../services/access';
import type { PickerService } from '../services/pickers';

export function pickerRoutes(pickers: PickerService): Router {
  const router = Router();

  router.get('/orgs', async (_req, res) => {
    const viewer = viewerOf(res);
    const all = await pickers.listOrgs();
    res.json({ items: all.filter((org) => viewer.canSee(org.id)) });
  });

  router.get('/orgs/:orgId/projects', async (req, res) => {
    const { orgId } = parseOr400(orgPathSchema, req.params, 'orgId');
    assertCanSee(viewerOf(res), [orgId]);
    res.json({ items: await pickers.listProjects(orgId) });
  });

  router.get('/orgs/:orgId/clusters', async (req, res) => {
    const { orgId } = parseOr400(orgPathSchema, req.params, 'orgId');
    const { projects, includeDeleted } = parseOr400(
      clusterListQuerySchema,
      queryParams(req.query),
      'query',
    );
    assertCanSee(viewerOf(res), [orgId]);
    res.json({ items: await pickers.listClusters(orgId, projects, { includeDeleted }) });
  });

  router.get('/services', (_req, res) => {
    res.json({ items: ATLAS_SERVICES.map((name) => ({ id: name, name })) });
  });

  return router;
}

import { Router } from 'express';
import { RETENTION_MONTHS, type Meta } from '../contract';

export function metaRoutes(dataSource: Meta['dataSource'], now: () => Date): Router {
  const router = Router();
  router.get('/meta', (_req, res) => {
    const meta: Meta = { dataSource, now: now().toISOString(), retentionMonths: RETENTION_MONTHS };
    res.json(meta);
  });
  return router;
}

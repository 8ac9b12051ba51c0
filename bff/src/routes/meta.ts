import { Router } from 'express';
import { RETENTION_MONTHS, type Meta } from '../contract';
import { viewerOf } from '../http/identity';

export function metaRoutes(
  dataSource: Meta['dataSource'],
  authMode: NonNullable<Meta['user']>['authMode'],
  now: () => Date,
): Router {
  const router = Router();
  router.get('/meta', (_req, res) => {
    const meta: Meta = {
      dataSource,
      now: now().toISOString(),
      retentionMonths: RETENTION_MONTHS,
      user: { id: viewerOf(res).id, authMode },
    };
    res.json(meta);
  });
  return router;
}

import { Router } from 'express';

/**
 * Liveness never calls Atlas; readiness covers only local state (so an Atlas outage cannot
 * drain every instance) and flips to 503 first during shutdown.
 */
export function healthRoutes(isReady: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const ready = isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'draining' });
  });
  return router;
}

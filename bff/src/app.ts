import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { AccessRules, AuthConfig } from './config';
import type { Meta } from './contract';
import { requireAllowedHost } from './http/allowed-host';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { noStore, requireCsrfHeader, requireJsonBody } from './http/guards';
import { identify } from './http/identity';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { userQueryRateLimit } from './http/user-rate-limit';
import type { Logger } from './logger';
import { costQueryRoutes } from './routes/cost-queries';
import { healthRoutes } from './routes/health';
import { metaRoutes } from './routes/meta';
import { pickerRoutes } from './routes/pickers';
import { presetRoutes } from './routes/presets';
import { apiRouter } from './routes/route-table';
import type { CostQueryService } from './services/cost-queries/cost-queries';
import type { HistoryService } from './services/history';
import type { PickerService } from './services/pickers';
import type { PresetService } from './services/presets';

export interface AppDeps {
  logger: Logger;
  /** Who did what (queries, refusals); a child of `logger` with `audit: true` by default. */
  audit?: Logger;
  costQueries: CostQueryService;
  /** Kept months past Atlas's window: what the month picker may offer, and the edge's bounds. */
  history: HistoryService;
  pickers: PickerService;
  presets: PresetService;
  dataSource: Meta['dataSource'];
  /** Who is asking (default: `none`, one trusted team) and which orgs they may see. */
  auth?: AuthConfig;
  access?: AccessRules;
  /** Cost queries one user may create per window (default 30 a minute). */
  userQueryLimit?: { limit: number; windowMs: number };
  /** Built web app to serve from the same origin; absent in API-only tests. */
  webDistDir?: string | undefined;
  /** Host names answered (default: the loopback names); health checks answer any. */
  allowedHosts?: ReadonlySet<string>;
  isReady?: () => boolean;
  now?: () => Date;
}

/** Filter bodies are small; 500 ids in each of three lists fit comfortably in 64 kB. */
const BODY_LIMIT = '64kb';

/** Builds the app without listening (tests listen on port 0). */
export function createApp(deps: AppDeps): Express {
  const now = deps.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  // API answers are `no-store`, so a hash of every body (Express's default weak ETag) is work
  // nobody uses; presets set their own strong ETag. Static files keep serve-static's ETags.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          // Served over plain http on loopback by default; do not ask browsers to upgrade.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(requestLog(deps.logger));
  // gzip (or deflate) whatever the client accepts: a 100,000-row result's rows shrink ~8×, the
  // page's scripts ~3×. Small answers (under 1 KB) are sent as they are.
  app.use(compression());
  app.use(healthRoutes(deps.isReady ?? (() => true)));
  app.use(requireAllowedHost(deps.allowedHosts ?? new Set(['localhost', '127.0.0.1', '::1'])));

  const auth = deps.auth ?? { mode: 'none' };
  const api = express.Router();
  api.use(
    noStore,
    requireCsrfHeader,
    identify(auth, deps.access ?? { users: new Map(), groups: new Map() }),
    requireJsonBody,
    bodyParserFor(['POST', 'PUT', 'PATCH']),
  );
  // Every /api route comes from the contract's route table (contract/api-routes.ts), in its
  // order: the poll first.
  api.use(
    apiRouter({
      ...costQueryRoutes(
        deps.costQueries,
        deps.history,
        now,
        userQueryRateLimit(deps.userQueryLimit ?? { limit: 30, windowMs: 60_000 }),
      ),
      ...metaRoutes(deps.dataSource, auth.mode, now, deps.history.atlasMonths),
      ...pickerRoutes(deps.pickers),
      ...presetRoutes(deps.presets),
    }),
  );
  api.use(notFoundHandler);
  app.use('/api', api);

  if (deps.webDistDir && existsSync(path.join(deps.webDistDir, 'index.html'))) {
    serveWeb(app, deps.webDistDir);
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger, deps.audit ?? deps.logger.child({ audit: true })));
  return app;
}

/** The JSON parser only where bodies are expected: polls (GET) are the hot path. */
function bodyParserFor(methods: string[]): express.RequestHandler {
  const parse = express.json({ limit: BODY_LIMIT, strict: true });
  const withBody = new Set(methods);
  return (req, res, next) => {
    if (withBody.has(req.method)) {
      parse(req, res, next);
      return;
    }
    next();
  };
}

function serveWeb(app: Express, dir: string): void {
  app.use(
    express.static(dir, {
      index: false,
      setHeaders(res, filePath) {
        // Hashed assets are immutable; index.html must always be revalidated.
        res.setHeader(
          'Cache-Control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }),
  );
  // Client-side routes (e.g. /p/:id share links) all load the app shell.
  app.get(/^\/(?!api\/|healthz$|readyz$).*/, (req, res, next) => {
    if (path.extname(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
}

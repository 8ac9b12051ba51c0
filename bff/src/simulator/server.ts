import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DigestAuth } from './auth/auth-digest';
import { OAuthTokens } from './auth/auth-oauth';
import type { SimContext } from './context';
import type { ControlTarget } from './control/control-plane';
import { resolveCredentials } from './auth/credentials';
import { DEFAULT_SEED, getDatasetModel } from './dataset/dataset';
import { apiError } from './errors';
import { monthOfDate } from './dataset/month-math';
import { RETENTION_MONTHS } from '../contract/months';
import { QueryStore } from './cost-explorer/query-store';
import { RateLimiter } from './control/rate-limit';
import { RequestLog } from './control/request-log';
import { handle } from './request-handler';
import { FaultStore } from './control/faults';
import { Timers } from './timers';
import { isSimulatorProfileName, simulatorProfile } from './profiles';
import { PROCESSING_MODES, type Simulator, type SimulatorOptions } from './types';

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const now = options.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  const credentials = resolveCredentials(options.credentials);
  const profile = options.profile ?? 'default';
  if (!isSimulatorProfileName(profile))
    throw new TypeError(`Unknown simulator profile ${String(profile)}`);
  const ctx: SimContext = {
    now,
    nowMs,
    settings: {
      profile,
      processingMode: options.processingMode ?? simulatorProfile(profile).processingMode,
      processingMs: options.processingMs ?? 1500,
      retentionMonths: options.retentionMonths ?? RETENTION_MONTHS,
    },
    credentials,
    model: getDatasetModel(options.seed ?? DEFAULT_SEED, options.scale ?? 1, monthOfDate(now())),
    auth: {
      oauth: new OAuthTokens(options.tokenTtlSeconds ?? 3600, nowMs),
      digest: new DigestAuth(credentials.publicKey, credentials.privateKey, nowMs),
    },
    rateLimiter: new RateLimiter(
      options.rateLimit ?? false,
      nowMs,
      () => simulatorProfile(ctx.settings.profile).refill,
    ),
    queries: new QueryStore(),
    faults: new FaultStore(),
    log: new RequestLog(),
    timers: new Timers(),
    closing: false,
  };
  const control: ControlTarget = {
    get requests() {
      return ctx.log.all;
    },
    clearRequests: () => ctx.log.clear(),
    addFault: (rule) => ctx.faults.add(rule),
    clearFaults: () => ctx.faults.clear(),
    settings: () => ({ ...ctx.settings }),
    setProcessingMode: (mode) => {
      if (!PROCESSING_MODES.includes(mode)) throw new TypeError(`Unknown processing mode ${mode}`);
      ctx.settings.processingMode = mode;
    },
    setProcessingMs: (ms) => {
      if (!(ms >= 0 && Number.isFinite(ms))) throw new TypeError('processingMs must be ≥ 0');
      ctx.settings.processingMs = ms;
    },
    setProfile: (name) => {
      if (!isSimulatorProfileName(name))
        throw new TypeError(`Unknown simulator profile ${String(name)}`);
      ctx.settings.profile = name;
      ctx.settings.processingMode = simulatorProfile(name).processingMode;
    },
    dataset: ctx.model.dataset,
  };
  const server = createServer((req, res) => {
    handle(ctx, control, req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const body = JSON.stringify(apiError(500, 'UNEXPECTED_ERROR', String(error)));
        res.writeHead(500, { 'Content-Type': 'application/json' }).end(body);
      }
    });
  });
  let url: string | undefined;

  return {
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          url = `http://${shownHost}:${address.port}`;
          resolve(url);
        });
      });
    },
    get url() {
      if (!url) throw new Error('The simulator is not listening yet: await listen() first.');
      return url;
    },
    close() {
      ctx.closing = true;
      ctx.timers.cancelAll();
      return new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // Held 102 sockets and hanging faults never finish on their own.
        server.closeAllConnections();
      });
    },
    get requests() {
      return ctx.log.all;
    },
    clearRequests: control.clearRequests,
    faults: { add: control.addFault, clear: control.clearFaults },
    setProcessingMode: control.setProcessingMode,
    setProcessingMs: control.setProcessingMs,
    setProfile: control.setProfile,
    get profile() {
      return ctx.settings.profile;
    },
    dataset: ctx.model.dataset,
  };
}

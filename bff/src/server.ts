import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createApp } from './app';
import { createAtlasClient, type AtlasClient } from './atlas';
import type { Config } from './config';
import type { Logger } from './logger';
import { createCostQueryService } from './services/cost-queries';
import { createPickerService } from './services/pickers';
import { createPresetService } from './services/presets';
import { openStore } from './store/open-store';
import type { Store } from './store/types';
import {
  createSimulator,
  DEMO_CREDENTIALS,
  type Simulator,
  type SimulatorOptions,
} from './simulator';

export interface RunningServer {
  url: string;
  server: Server;
  /** Present when no Atlas credentials were configured and the built-in simulator serves data. */
  simulator: Simulator | undefined;
  atlas: AtlasClient;
  store: Store;
  /** Flips readiness, stops accepting, lets in-flight requests finish, then stops everything. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  simulatorOptions?: SimulatorOptions;
  embeddedSimulatorPort?: number;
}

/** The composition root: config → Atlas (real or simulated) → services → routes → HTTP. */
export async function startServer(config: Config, options: StartOptions): Promise<RunningServer> {
  const { logger } = options;
  // First, so a store that cannot open (or migrate) stops the start before anything else runs.
  const store = await openStore(config.store, logger);
  let simulator: Simulator | undefined;
  let atlasTarget = config.atlas;
  if (!atlasTarget) {
    simulator = createSimulator({
      processingMs: config.simulator.processingMs,
      scale: config.simulator.scale,
      ...options.simulatorOptions,
    });
    const simulatorUrl = await simulator.listen(
      options.embeddedSimulatorPort ?? config.simulator.embeddedPort,
      '127.0.0.1',
    );
    atlasTarget = {
      baseUrl: simulatorUrl,
      credentials: {
        kind: 'service-account',
        clientId: DEMO_CREDENTIALS.clientId,
        clientSecret: DEMO_CREDENTIALS.clientSecret,
      },
    };
    logger.info(
      { simulatorUrl },
      'No Atlas credentials configured: serving simulated data from the built-in Atlas simulator',
    );
  } else {
    logger.info(
      { atlasBaseUrl: atlasTarget.baseUrl, auth: atlasTarget.credentials.kind },
      'Using MongoDB Atlas',
    );
  }

  const atlas = createAtlasClient({
    baseUrl: atlasTarget.baseUrl,
    credentials: atlasTarget.credentials,
    ...config.atlasHttp,
    userAgent: 'atlas-cost-explorer-bff/0.1',
    logger,
  });
  const costQueries = createCostQueryService({
    atlas,
    logger,
    poll: { initialMs: config.poll.initialMs, maxMs: config.poll.maxMs },
    deadlineMs: config.queryDeadlineMs,
  });
  const pickers = createPickerService({ atlas, ttlMs: config.pickerCacheTtlMs });
  const presets = createPresetService({ presets: store.presets, logger });

  let ready = true;
  const app = createApp({
    logger,
    costQueries,
    pickers,
    presets,
    dataSource: simulator ? 'simulator' : 'atlas',
    webDistDir: config.webDistDir,
    isReady: () => ready && store.isOpen(),
  });
  const server = createServer(app);
  // Tighter than Node's defaults (300 s request, 60 s headers): nothing here needs that long.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  return {
    url,
    server,
    simulator,
    atlas,
    store,
    async close() {
      ready = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      costQueries.close();
      // After the HTTP server: in-flight saves finish before the database goes away.
      await Promise.all([store.close(), simulator?.close()]);
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { openWireLogFile } from './atlas';
import type { AtlasConnection, Config } from './config';
import type { Logger } from './logger';
import type { AtlasConnections } from './services/upstream/atlas-connections';
import type { JobHooks } from './services/cost-queries/job-runner';
import { createPresetService } from './services/presets';
import { createUpstreamServices, type UpstreamServices } from './services/upstream-services';
import { PresetWarmer } from './services/preset-warmer';
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
  connections: AtlasConnections;
  /** The per-organization budgets of Atlas calls (their size is what bounded-work tests read). */
  budgets: UpstreamServices['budgets'];
  store: Store;
  /** This process's name on the query-job leases it holds. */
  replicaId: string;
  /** Long polls held now, on one query or on all (tests: a closed connection leaves none). */
  heldPolls(id?: string): number;
  /** Flips readiness, stops accepting, lets in-flight requests finish, then stops everything. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  /** Test hooks between a query job's writes (crash-window tests); never set by main.ts. */
  jobHooks?: JobHooks;
  simulatorOptions?: SimulatorOptions;
  embeddedSimulatorPort?: number;
}

/** The composition root: config → Atlas (real or simulated) → services → routes → HTTP. */
export async function startServer(config: Config, options: StartOptions): Promise<RunningServer> {
  const { logger } = options;
  // First, so a store that cannot open (or migrate) stops the start before anything else runs.
  const store = await openStore(config.store, logger);
  let simulator: Simulator | undefined;
  let targets: readonly AtlasConnection[] | undefined = config.connections;
  if (!targets) {
    simulator = createSimulator({
      processingMs: config.simulator.processingMs,
      scale: config.simulator.scale,
      retentionMonths: config.simulator.retentionMonths,
      profile: config.simulator.profile,
      ...options.simulatorOptions,
    });
    const simulatorUrl = await simulator.listen(
      options.embeddedSimulatorPort ?? config.simulator.embeddedPort,
      '127.0.0.1',
    );
    targets = [
      {
        name: 'simulator',
        baseUrl: simulatorUrl,
        credentials: {
          kind: 'service-account',
          clientId: DEMO_CREDENTIALS.clientId,
          clientSecret: DEMO_CREDENTIALS.clientSecret,
        },
        orgIds: undefined,
      },
    ];
    logger.info(
      { simulatorUrl },
      'No Atlas credentials configured: serving simulated data from the built-in Atlas simulator',
    );
  } else {
    logger.info(
      {
        connections: targets.map((t) => ({
          name: t.name,
          atlasBaseUrl: t.baseUrl,
          auth: t.credentials.kind,
          orgIds: t.orgIds ?? 'any reachable',
        })),
      },
      'Using MongoDB Atlas',
    );
  }
  logger.info({ authMode: config.auth.mode }, 'User identity');
  if (config.allowUnauthenticatedNetwork) {
    logger.warn(
      { host: config.host },
      'ALLOW_UNAUTHENTICATED_NETWORK=true: AUTH_MODE=none on a network address; anyone who can reach it sees every organization',
    );
  }

  const wireLog =
    config.wireLog &&
    openWireLogFile({
      ...config.wireLog,
      onError: (err) =>
        logger.warn({ err: err.message }, 'ATLAS_WIRE_LOG cannot be written; recording stopped'),
    });
  if (config.wireLog) {
    logger.info({ path: config.wireLog.path }, 'Recording the shape of every Atlas exchange');
  }

  const audit = logger.child({ audit: true });
  const { connections, costQueries, history, pickers, scope, budgets, replicaId } =
    createUpstreamServices({
      config,
      targets,
      store,
      logger,
      audit,
      ...(options.jobHooks && { hooks: options.jobHooks }),
      ...(wireLog && { wireLog }),
    });
  const presets = createPresetService({
    presets: store.presets,
    scope,
    sharedBy: config.presets.sharedBy,
    maxPerUser: config.presets.maxPerUser,
    logger,
    opens: store.warming,
  });
  const warmer = new PresetWarmer({
    warming: store.warming,
    jobs: store.jobs,
    presets,
    costQueries,
    auth: config.auth,
    access: config.access,
    replicaId,
    settings: config.warming,
    logger,
  });

  let ready = true;
  let closing: Promise<void> | undefined;
  const app = createApp({
    logger,
    audit,
    costQueries,
    history,
    pickers,
    presets,
    dataSource: simulator ? 'simulator' : 'atlas',
    auth: config.auth,
    access: config.access,
    userQueryLimit: config.userQueryLimit,
    webDistDir: config.webDistDir,
    allowedHosts: config.allowedHosts,
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
  // Resume jobs a previous run (or a replica that went away) left behind.
  costQueries.start();
  warmer.start();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  return {
    url,
    server,
    simulator,
    connections,
    budgets,
    store,
    replicaId,
    heldPolls: (id) => costQueries.heldPolls(id),
    close() {
      // Idempotent: a signal handler and a test may both ask.
      closing ??= (async () => {
        ready = false;
        // Held polls answer now (as at the end of their wait), or the drain would wait for them.
        costQueries.releaseHeldPolls();
        await new Promise<void>((resolve) => {
          // Keep-alive sockets whose request finishes after close() sit idle until their
          // timeout unless closed again; sweep them until the server has let go of all.
          const sweep = setInterval(() => server.closeIdleConnections(), 50);
          server.close(() => {
            clearInterval(sweep);
            resolve();
          });
          server.closeIdleConnections();
        });
        // Then the poll loops: calls in flight finish, leases go back, so a restart (or another
        // replica) resumes every job at once instead of waiting for the leases to run out.
        await warmer.stop();
        await costQueries.close();
        // Last: in-flight saves and job writes finish before the database goes away.
        await Promise.all([store.close(), simulator?.close(), wireLog?.close()]);
      })();
      return closing;
    },
  };
}

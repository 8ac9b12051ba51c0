// `pnpm bench:upstream`: what a question costs Atlas through the BFF versus a naive client, and
// what the BFF itself costs per cached poll. Prints figures; asserts nothing (docs/reliability.md
// records them). Runs under `node --import tsx` so it can use the simulator and Atlas client.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printLoad, runLoad } from './bench/load.mjs';
import { cpus } from 'node:os';
import { freePort, machineLoad, startChild } from './bench/processes.mjs';
import { formatTable, reportFigure } from './bench/report.mjs';
import {
  browserRun,
  printMonthReuse,
  printUpstream,
  runMonthReuse,
  runUpstreamScenarios,
} from './bench/upstream-scenarios.mjs';

const { createSimulator, DEMO_CREDENTIALS } = await import('../bff/src/simulator/index.ts');
const { createAtlasClient } = await import('../bff/src/atlas/index.ts');
const contract = await import('../bff/src/contract/index.ts');

const PROCESSING_MS = 4000;
const LOAD_SECONDS = 6;
const fig = (metric, value, unit, target, ok) =>
  reportFigure({ bench: 'upstream', metric, value, unit, target, ok });

const thisMonth = contract.monthIndex(contract.currentMonthStart(new Date()));
/** The last `count` complete months: as Atlas's filter (exclusive end) for the naive client… */
const months = (count, extra = {}) => ({
  startDate: contract.monthFromIndex(thisMonth - count),
  endDate: contract.monthFromIndex(thisMonth),
  ...extra,
});
/** …and as the dashboard question the browser POSTs to the BFF (inclusive months). */
const question = (count, filters = {}) => ({
  period: {
    kind: 'months',
    first: contract.monthFromIndex(thisMonth - count),
    last: contract.monthFromIndex(thisMonth - 1),
  },
  filters,
});
/** The same question in both shapes. */
const both = (count) => ({ atlas: months(count), dashboard: question(count) });
const credentials = {
  kind: 'service-account',
  clientId: DEMO_CREDENTIALS.clientId,
  clientSecret: DEMO_CREDENTIALS.clientSecret,
};

// Atlas's own Invoices bucket (500, +100 a minute) is on, as in production.
const simulator = createSimulator({
  processingMs: PROCESSING_MS,
  rateLimit: { capacity: 500, refillPerMinute: 100 },
});
const simulatorUrl = await simulator.listen(0, '127.0.0.1');
const workDir = mkdtempSync(path.join(tmpdir(), 'ace-bench-'));
const stops = [];

try {
  // The BFF runs in its own process, with its defaults, so its CPU and RSS are its own.
  const bff = await startChild({
    args: ['--import', 'tsx', 'bff/src/main.ts'],
    port: await freePort(),
    readyPath: '/readyz',
    env: {
      HOST: '127.0.0.1',
      ATLAS_BASE_URL: simulatorUrl,
      ATLAS_CLIENT_ID: credentials.clientId,
      ATLAS_CLIENT_SECRET: credentials.clientSecret,
      ATLAS_PUBLIC_KEY: '',
      ATLAS_PRIVATE_KEY: '',
      DATABASE_URL: '',
      DATA_DIR: workDir,
      LOG_LEVEL: 'info', // as in production: one log line per request (to /dev/null here)
      // The 20 simulated users share one address and (without sign-in) one identity: the
      // per-user creation limit is not what this measures.
      USER_QUERY_LIMIT: '100000',
    },
  });
  stops.push(bff.stop);
  const orgId = simulator.dataset.payingOrgId;
  console.log(`Machine: ${cpus().length} cores, ${machineLoad()}`);
  console.log(
    `Atlas simulator: ${PROCESSING_MS / 1000} s per query. BFF: default settings (per-user query limit lifted).\n`,
  );

  const atlas = createAtlasClient({
    baseUrl: simulatorUrl,
    credentials,
    timeoutMs: 10_000,
    processingGraceMs: 2000,
  });
  const queries = { single: both(3), crowd: both(6) };
  const upstream = await runUpstreamScenarios({
    simulator,
    bffUrl: bff.url,
    atlas,
    orgId,
    queries,
  });
  printUpstream(upstream, fig, formatTable);
  printMonthReuse(await runMonthReuse({ simulator, bffUrl: bff.url, orgId, question }), fig);

  // A done job with a small result (one month, one service), and two baselines serving it.
  const { id, state } = await browserRun(bff.url, orgId, question(1, { services: ['Backup'] }));
  const statePath = path.join(workDir, 'state.json');
  writeFileSync(statePath, JSON.stringify(state));
  const bare = {};
  for (const [name, file] of [
    ['bare node:http', 'bare-http.mjs'],
    ['bare Express 5', 'bare-express.mjs'],
  ]) {
    const server = await startChild({
      args: [`scripts/bench/${file}`, statePath],
      port: await freePort(),
    });
    stops.push(server.stop);
    bare[name] = server;
  }
  console.log(
    `Cached poll (GET of a done job, ${JSON.stringify(state).length} bytes): 50 connections, ${LOAD_SECONDS} s per run\n`,
  );
  const pollPath = `/api/orgs/${orgId}/cost-queries/${id}`;
  printLoad(
    await runLoad({ bare, bff, path: pollPath, durationS: LOAD_SECONDS }),
    fig,
    formatTable,
  );
  console.log(`Machine after the load runs: ${machineLoad()}`);
} finally {
  await Promise.all(stops.map((stop) => stop()));
  await simulator.close();
  rmSync(workDir, { recursive: true, force: true });
}

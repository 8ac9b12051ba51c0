// One run of the memory bench (see scripts/bench-memory.mjs, which starts one per path so each
// has its own peak RSS): a question grouped by 62,000 clusters over 19 months, asked in parts of
// 500 ids, ~1,000,000 simulator-shaped rows. Each part's rows go through the real conversion
// (toUsageDetail, toUsageRows) and are stored as the runner stores them; the last part assembles
// the result (slices, summary, rows in columns) into a SQLite store; the poll's payload and the
// rows route's detail are read back (the detail piece by piece, as the rows route reads it). Prints one JSON line: peak RSS (VmHWM) and what was stored.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { toUsageDetail } from '../src/atlas/usage';
import { currentMonthStart, monthFromIndex, monthIndex, type UsageRow } from '../src/contract';
import type { JobQuery } from '../src/services/cost-queries/job-query';
import { monthsIn, sliceKeyOf } from '../src/services/cost-queries/month-slices';
import { planQuery } from '../src/services/cost-queries/query-plan';
import {
  assembleResult,
  storePart,
  type AssemblyDeps,
} from '../src/services/cost-queries/result-assembly';
import { toUsageRows } from '../src/services/cost-queries/usage-rows';
import { openSqliteStore } from '../src/store/sqlite';
import type { JobRecord } from '../src/store/job-types';
import { legacyAssemble, legacyStorePart } from './legacy-assembly';

const impl = process.argv[2] === 'legacy' ? 'legacy' : 'current';
const CLUSTERS = Number(process.env.BENCH_MEMORY_CLUSTERS ?? 62_000);
const MONTHS = 19;
const PER_QUERY = 500;
const SERVICES = ['Clusters', 'Backup', 'Data Transfer', 'Atlas Search', 'Serverless Instances'];

const hex = (kind: number, n: number) =>
  kind.toString(16).padStart(4, '0') + n.toString(16).padStart(20, '0');
const ORG = hex(1, 1);
const projectOf = (c: number) => Math.floor(c / 31);
const clusterIds = Array.from({ length: CLUSTERS }, (_, c) => hex(3, c));

const peakMb = () =>
  Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

/** Atlas's rows for clusters [from, to) over the months, month by month (as the simulator). */
function atlasRows(months: readonly string[], from: number, to: number): unknown[] {
  const rows: unknown[] = [];
  months.forEach((month, m) => {
    const invoiceId = hex(9, m);
    // Charges above any cluster: a partial match, the same in every part.
    for (let s = 0; s < 3; s++) {
      rows.push({
        invoiceId,
        organizationId: ORG,
        organizationName: 'Bench Org',
        service: s === 0 ? 'Support' : `Credits ${s}`,
        usageAmount: -((m * 7 + s * 13) % 500) / 100 + 3.07,
        usageDate: month,
        supportPlan: s === 0 ? 'Enterprise' : undefined,
      });
    }
    for (let c = from; c < to; c++) {
      // Clusters start at different months: ~16.5 of 19 months each on average.
      if (m < c % 6) continue;
      const p = projectOf(c);
      rows.push({
        clusterId: clusterIds[c],
        clusterName: `cluster-${c % 997}`,
        invoiceId,
        organizationId: ORG,
        organizationName: 'Bench Org',
        projectId: hex(2, p),
        projectName: `project-${p}`,
        service: SERVICES[c % SERVICES.length],
        usageAmount: ((c * 31 + m * 17) % 100_000) / 100,
        usageDate: month,
      });
    }
  });
  return rows;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'ace-bench-memory-'));
const store = openSqliteStore({ dataDir });
const deps: AssemblyDeps = {
  results: store.results,
  slices: store.slices,
  logger: pino({ level: 'silent' }),
  settings: { cacheTtl: { openMs: 60_000, closedMs: 3_600_000 }, atlasHistoryMonths: 18 },
};
const at = Date.now();
const last = monthIndex(currentMonthStart(new Date(at)));
const atlas = {
  startDate: monthFromIndex(last - MONTHS + 1),
  endDate: monthFromIndex(last + 1),
  organizations: [ORG],
  clusters: clusterIds,
  groupBy: 'clusters' as const,
  includePartialMatches: true as const,
};
const months = monthsIn({ first: atlas.startDate, last: monthFromIndex(last) });
const plan = planQuery(atlas, [{ first: months[0]!, last: months.at(-1)! }], PER_QUERY);
const query = { atlas, question: {}, plan } as unknown as JobQuery;
const allowed = new Set([ORG]);

const started = performance.now();
let rowCount = 0;
let lastRows: UsageRow[] = [];
for (let part = 0; part < plan.parts.length; part++) {
  const job = { id: 'bench-job', orgId: ORG, part } as JobRecord;
  const from = part * PER_QUERY;
  const details = atlasRows(months, from, Math.min(from + PER_QUERY, CLUSTERS)).map((r) =>
    toUsageDetail(r),
  );
  const { rows } = toUsageRows(
    details.filter((d) => d !== undefined),
    allowed,
  );
  rowCount += rows.length;
  if (part < plan.parts.length - 1) {
    await (impl === 'legacy' ? legacyStorePart : storePart)(deps, job, rows, at);
  } else {
    lastRows = rows;
  }
}
const partsMs = performance.now() - started;
const peakAfterParts = peakMb();
const lastJob = { id: 'bench-job', orgId: ORG, part: plan.parts.length - 1 } as JobRecord;
const assembled =
  impl === 'legacy'
    ? await legacyAssemble(deps, lastJob, query, lastRows, at)
    : await assembleResult(deps, lastJob, query, lastRows, at);
lastRows = [];
if ('failure' in assembled) throw assembled.failure;
await store.results.insert({
  id: 'bench-result',
  orgId: ORG,
  queryKey: 'bench',
  payload: assembled.payload,
  detail: assembled.detail,
  fetchedAt: at,
  expiresAt: at + 60_000,
});
const assembleMs = performance.now() - started - partsMs;
// What a poll and the rows route send: read back from the store (the rows piece by piece, as
// the route sends them), fingerprinted on the way.
const served = await store.results.get('bench-result');
const stored = await store.results.getDetail('bench-result');
const detailSha = createHash('sha256');
let detailChars = 0;
for await (const piece of stored?.detail ?? []) {
  detailSha.update(piece);
  detailChars += piece.length;
}
const servedBytes = (served?.payload.length ?? 0) + detailChars;
const peak = peakMb();

// After the peak is taken: fingerprints of everything stored, one month at a time.
const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const slices: Record<string, string> = {};
for (const month of months) {
  const [slice] = await store.slices.get(sliceKeyOf(atlas), [month]);
  slices[month] = slice ? sha(slice.payload) : 'none';
}
const parts: string[] = [];
for (let part = 0; part < plan.parts.length - 1; part++) {
  const stored = await store.results.get(`bench-job.part${part}`);
  parts.push(stored ? sha(stored.payload) : 'none');
}
process.stdout.write(
  `${JSON.stringify({
    impl,
    rows: rowCount,
    parts: plan.parts.length,
    peakRssMb: Math.round(peak),
    peakAfterPartsMb: Math.round(peakAfterParts),
    partsMs: Math.round(partsMs),
    assembleMs: Math.round(assembleMs),
    servedBytes,
    payload: sha(served?.payload ?? ''),
    detail: detailSha.digest('hex').slice(0, 16),
    slices: sha(JSON.stringify(slices)),
    storedParts: sha(parts.join(',')),
  })}\n`,
);
await store.close();
rmSync(dataDir, { recursive: true, force: true });

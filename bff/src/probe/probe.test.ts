import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireExchange } from '../atlas';
import { loadConfig } from '../config';
import { createSimulator, DEMO_CREDENTIALS, type Simulator } from '../simulator';
import { datasetStrings } from '../simulator/testing/dataset-values';
import { main } from './cli';
import type { ProbeReport } from './probe';

const FAST = { pollInitialMs: 20, pollMaxMs: 40, queryDeadlineMs: 5_000 };
const TIMINGS = { ATLAS_TIMEOUT_MS: '2000', ATLAS_PROCESSING_GRACE_MS: '100' };

let sim: Simulator | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Amounts, tokens and bearer tokens in what Atlas really sent: none may reach the report. */
function rawValues(exchanges: WireExchange[]): string[] {
  const values = new Set<string>();
  for (const x of exchanges) {
    const auth = x.request.headers.authorization;
    if (auth) values.add(auth.replace(/^\w+ /, ''));
    const token = /usage\/([0-9a-fA-F]{64})$/.exec(x.request.url.pathname)?.[1];
    if (token) values.add(token);
    if (x.outcome.kind !== 'response') continue;
    const text = x.outcome.response.body;
    for (const m of text.matchAll(/"usageAmount":(-?\d+(?:\.\d+)?)/g)) {
      // Amounts that could not be mistaken for a count, a duration or a status code.
      if (m[1]!.includes('.') || Math.abs(Number(m[1])) >= 1000) values.add(m[1]!);
    }
    for (const m of text.matchAll(/"access_token":"([^"]+)"/g)) values.add(m[1]!);
  }
  return [...values];
}

async function probe(argv: string[], env: Record<string, string>, tap?: WireExchange[]) {
  let stdout = '';
  let stderr = '';
  const config = loadConfig({ DATA_DIR: tmpdir(), ...TIMINGS, ...env });
  const code = await main(argv, {
    write: (t) => (stdout += t),
    log: (t) => (stderr += t),
    config,
    probe: { ...FAST, ...(tap && { tap: { record: (x) => tap.push(x) } }) },
  });
  return { code, stdout, stderr };
}

describe('pnpm atlas:probe', () => {
  it('reports each group-by’s row keys and how processing was signalled, and no value', async () => {
    sim = createSimulator({
      processingMs: 80,
      processingMode: 'final-102-close',
      rateLimit: { capacity: 500, refillPerMinute: 100 },
    });
    const url = await sim.listen(0, '127.0.0.1');
    const dir = mkdtempSync(path.join(tmpdir(), 'ace-probe-'));
    dirs.push(dir);
    const out = path.join(dir, 'wire.json');
    const raw: WireExchange[] = [];
    const { code, stdout } = await probe(
      ['--out', out],
      {
        ATLAS_BASE_URL: url,
        ATLAS_CLIENT_ID: DEMO_CREDENTIALS.clientId,
        ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      },
      raw,
    );
    expect(code).toBe(0);
    const file = readFileSync(out, 'utf8');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const report = JSON.parse(file) as ProbeReport;

    expect(report.target).toBe('atlas');
    expect(report.queries.map((q) => q.groupBy)).toEqual([
      'none',
      'organizations',
      'projects',
      'clusters',
      'services',
      'none, ?envelope=true',
    ]);
    const keys = (groupBy: string) =>
      Object.keys(report.queries.find((q) => q.groupBy === groupBy)?.rowShape ?? {});
    expect(keys('none')).toEqual(expect.arrayContaining(['usageAmount', 'usageDate', 'service']));
    expect(keys('projects')).toEqual(expect.arrayContaining(['projectId', 'projectName']));
    expect(keys('clusters')).toEqual(expect.arrayContaining(['clusterName', 'clusterUniqueId']));
    expect(report.queries[0]!.rowShape).toMatchObject({ usageAmount: 'number' });
    for (const q of report.queries) {
      expect(q.outcome).toBe('done');
      expect(q.rows).toBeGreaterThan(0);
    }
    // The processing signal, as seen on the wire, in the report and on screen.
    expect(report.queries[0]!.signals).toContain('create: HTTP 202, token');
    expect(report.queries[0]!.signals.join('\n')).toMatch(
      /poll: HTTP 102, then the connection was closed/,
    );
    expect(report.queries[5]!.signals.join('\n')).toMatch(/envelope status 102/);
    expect(stdout).toMatch(/poll: HTTP 102, then the connection was closed/);
    expect(stdout).toContain('clusterUniqueId: objectId(24 hex)');
    expect(report.rateLimit.limits).toEqual([500]);
    expect(stdout).toContain('RateLimit-Limit: 500');
    // At most six queries: one create each, and every call one at a time.
    const creates = sim.requests.filter((r) => r.route === 'createUsage');
    expect(creates).toHaveLength(6);

    const forbidden = [
      ...datasetStrings(sim.dataset),
      ...rawValues(raw),
      DEMO_CREDENTIALS.clientId,
      DEMO_CREDENTIALS.clientSecret,
    ];
    expect(forbidden.length).toBeGreaterThan(50);
    for (const value of forbidden) {
      expect(stdout, value).not.toContain(value);
      expect(file, value).not.toContain(value);
    }
  });

  it('without credentials runs against the built-in simulator', async () => {
    const { code, stdout } = await probe([], { SIMULATOR_PROCESSING_MS: '30' });
    expect(code).toBe(0);
    expect(stdout).toContain('the built-in simulator (profile default)');
    expect(stdout).toContain('group by services: done');
  });

  it('stops at a 429 that asks for a long wait, with a clear message, instead of retrying', async () => {
    sim = createSimulator({ processingMs: 0 });
    const url = await sim.listen(0, '127.0.0.1');
    sim.faults.add({
      route: 'createUsage',
      action: { kind: 'status', status: 429, headers: { 'Retry-After': '120' } },
      times: 'always',
    });
    const { code, stdout } = await probe([], {
      ATLAS_BASE_URL: url,
      ATLAS_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
    });
    expect(code).toBe(3);
    expect(stdout).toMatch(/Stopped early: Atlas answered 429 .*Retry-After 120 s/);
    expect(sim.requests.filter((r) => r.route === 'createUsage')).toHaveLength(1);
  });

  it('refuses an --org that is not an organization id before calling Atlas', async () => {
    const { code, stderr } = await probe(['--org', 'not-an-id'], {});
    expect(code).toBe(2);
    expect(stderr).toContain('--org must be');
  });
});

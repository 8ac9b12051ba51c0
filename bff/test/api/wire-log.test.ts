import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../src/simulator';
import { datasetStrings } from '../../src/simulator/testing/dataset-values';
import { closedMonths, createQuery, firstOrgId } from '../support/queries';
import { startStack, waitForRows, type Stack } from '../support/stack';

const dir = mkdtempSync(path.join(tmpdir(), 'ace-wire-'));
const file = path.join(dir, 'wire.jsonl');
const MAX_BYTES = 3000;
const FILES = 2;

const logFiles = () =>
  readdirSync(dir)
    .filter((name) => name.startsWith('wire.jsonl'))
    .sort();
const allText = () =>
  logFiles()
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
    .join('');

describe('ATLAS_WIRE_LOG', () => {
  let stack: Stack;
  let orgId: string;
  const amounts: string[] = [];

  beforeAll(async () => {
    stack = await startStack({
      env: {
        ATLAS_WIRE_LOG: file,
        ATLAS_WIRE_LOG_MAX_BYTES: String(MAX_BYTES),
        ATLAS_WIRE_LOG_FILES: String(FILES),
      },
    });
    orgId = await firstOrgId(stack);
    for (const groupBy of [undefined, 'projects', 'services', 'clusters']) {
      const res = await createQuery(stack, orgId, closedMonths(2, groupBy ? { groupBy } : {}));
      const { id } = (await res.json()) as { id: string };
      const done = (await waitForRows(stack, orgId, id)) as {
        result: { usageDetails: { usageAmountCents: number }[] };
      };
      for (const row of done.result.usageDetails) amounts.push(String(row.usageAmountCents / 100));
    }
    await stack.close(); // flushes the file
  });
  afterAll(async () => {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a line for the token mint, the create and every poll', () => {
    const lines = allText()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method: string; path: string; status?: number });
    const seen = new Set(lines.map((l) => `${l.method} ${l.path} ${l.status}`));
    // The oldest lines (the first token mint among them) may have been rotated away; the last
    // query's create and every one of its polls are the newest, so each must have its line.
    const requests = stack.simulator.requests;
    const lastCreate = requests.findLastIndex((r) => r.route === 'createUsage');
    const lastPolls = requests.slice(lastCreate).filter((r) => r.route === 'getUsage');
    expect(lastPolls.length).toBeGreaterThan(0);
    expect(seen).toContain('POST /api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage 202');
    for (const poll of lastPolls) {
      expect(seen).toContain(
        `GET /api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage/{token} ${poll.status}`,
      );
    }
    const usageLines = lines.filter((l) => l.path.endsWith('/usage/{token}'));
    expect(usageLines.length).toBeGreaterThanOrEqual(lastPolls.length);
    const mints = stack.simulator.requests.filter((r) => r.route === 'oauthToken').length;
    expect(mints).toBeGreaterThan(0);
  });

  it('rotates at the cap: .1 … .N are kept and the oldest dropped', () => {
    const names = logFiles();
    expect(names).toEqual(['wire.jsonl', 'wire.jsonl.1', 'wire.jsonl.2']);
    for (const name of names.slice(1)) {
      // A file is rotated as soon as a line takes it past the cap: no line is split.
      const size = statSync(path.join(dir, name)).size;
      expect(size).toBeGreaterThanOrEqual(MAX_BYTES);
      expect(size).toBeLessThan(MAX_BYTES + 2000);
    }
    // Far more was written than the three files hold: the oldest were dropped.
    const exchanges = stack.simulator.requests.length;
    const kept = allText().trim().split('\n').length;
    expect(kept).toBeLessThan(exchanges);
  });

  it('keeps every file owner-only (0600)', () => {
    for (const name of logFiles()) {
      expect(statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    }
  });

  it('contains no amount, name, id, query token or secret', () => {
    // Each entry's own timestamp is the log's clock, not data: "21:13:34.668Z" holds "4.66".
    const text = allText().replace(/"time":"\d{4}-\d{2}-\d{2}T[\d:.]+Z"/g, '"time":"…"');
    const tokens = stack.simulator.requests
      .filter((r) => r.route === 'getUsage')
      .map((r) => r.path.split('/').at(-1)!);
    const bearer = stack.simulator.requests
      .map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1])
      .filter((t): t is string => Boolean(t));
    expect(tokens.length).toBeGreaterThan(0);
    expect(amounts.length).toBeGreaterThan(0);
    const forbidden = [
      ...datasetStrings(stack.simulator.dataset),
      ...tokens,
      ...bearer,
      DEMO_CREDENTIALS.clientId,
      DEMO_CREDENTIALS.clientSecret,
      // Amounts that could not be mistaken for a duration or a status code.
      ...amounts.filter((a) => a.includes('.') || Math.abs(Number(a)) >= 1000),
    ];
    for (const value of forbidden) expect(text, value).not.toContain(value);
    expect(text).not.toMatch(/Bearer |Basic /);
  });
});

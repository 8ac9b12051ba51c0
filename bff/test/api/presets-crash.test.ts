import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  presetInputSchema,
  presetListSchema,
  presetResponseSchema,
  type PresetParams,
} from '../../src/contract';
import { startChildBff, type ChildBff } from '../store/support/child-bff';
import { createTempDataDir } from '../store/support/databases';

const RUNS = 20;
/** Two independent servers, each with its own file, take turns on the two CPU cores CI has. */
const LANES = 2;
const WRITERS = 6;
const temps = Array.from({ length: LANES }, () => createTempDataDir());
afterAll(() => temps.forEach((temp) => temp.remove()));

/** What the client was told (an acknowledged write) and what it had in flight when the lights went out. */
interface Tracked {
  id: string;
  version: number;
  params: PresetParams;
  pending?: PresetParams | undefined;
}

const hex24 = () => randomBytes(12).toString('hex');
const paramsFor = (run: number, writer: number, save: number) =>
  presetInputSchema.parse({
    name: `run ${run}, writer ${writer}, save ${save}`,
    // Rows of very different sizes, so a torn write would show up as a broken page or JSON.
    description: 'x'.repeat((save * 137) % 1000),
    query: {
      orgId: hex24(),
      filters: { projects: Array.from({ length: save % 25 }, hex24) },
      period:
        save % 2 === 0
          ? { kind: 'relative', period: 'last-12-months' }
          : { kind: 'months', first: '2025-01-01', last: '2025-06-01' },
      view: { chartTopN: (save % 50) + 1, filterText: `writer ${writer}` },
    },
  });

const request = (bff: ChildBff, method: string, path: string, body: unknown, version?: number) =>
  fetch(`${bff.url}${path}`, {
    method,
    headers: {
      'X-CSRF': '1',
      'Content-Type': 'application/json',
      ...(version ? { 'If-Match': `"${version}"` } : {}),
    },
    body: JSON.stringify(body),
  });

/** WRITERS clients each create a preset and keep saving it; SIGKILL after `killAfter` acks. */
async function writeUntilKilled(
  bff: ChildBff,
  run: number,
  killAfter: number,
  all: Map<string, Tracked>,
) {
  let acks = 0;
  let killed = false;
  const writer = async (w: number) => {
    let mine: Tracked | undefined;
    for (let save = 0; !killed; save++) {
      const params = paramsFor(run, w, save);
      try {
        if (!mine) {
          const res = await request(bff, 'POST', '/api/presets', params);
          expect(res.status).toBe(201);
          const { id } = presetResponseSchema.parse(await res.json());
          mine = { id, version: 1, params };
          all.set(id, mine);
        } else {
          mine.pending = params;
          const res = await request(bff, 'PUT', `/api/presets/${mine.id}`, params, mine.version);
          expect(res.status).toBe(200);
          mine.version = presetResponseSchema.parse(await res.json()).version;
          mine.params = params;
          mine.pending = undefined;
        }
      } catch (err) {
        if (killed) return; // the connection died with the server: not acknowledged
        throw err;
      }
      if (++acks >= killAfter && !killed) {
        killed = true;
        bff.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  expect(await bff.exited).toBe('SIGKILL');
  return acks;
}

/** Reopens the file as SQLite would after the crash: intact, and every acknowledged save whole. */
function checkFileAfterCrash(file: string, all: Map<string, Tracked>): number {
  const db = new Database(file);
  let committedInFlight = 0;
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const read = db.prepare<[string], { version: number; params: string }>(
      'SELECT version, params FROM presets WHERE id = ?',
    );
    for (const preset of all.values()) {
      const row = read.get(preset.id);
      expect(row, `acknowledged preset ${preset.id} is missing`).toBeDefined();
      const params = presetInputSchema.parse(JSON.parse(row!.params));
      // Either the acknowledged save, or the one in flight that committed before the kill.
      if (row!.version === preset.version + 1 && preset.pending) {
        expect(params).toEqual(preset.pending);
        Object.assign(preset, { version: row!.version, params, pending: undefined });
        committedInFlight += 1;
      } else {
        expect(row!.version).toBe(preset.version);
        expect(params).toEqual(preset.params);
      }
    }
  } finally {
    db.close();
  }
  return committedInFlight;
}

/** After a restart, the server itself lists every acknowledged preset at its version. */
async function checkThroughApi(bff: ChildBff, all: Map<string, Tracked>): Promise<void> {
  const listed = new Map<string, { version: number; name: string }>();
  let cursor: string | undefined;
  do {
    const query = `?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await fetch(`${bff.url}/api/presets${query}`, { headers: { 'X-CSRF': '1' } });
    const page = presetListSchema.parse(await res.json());
    for (const p of page.items) listed.set(p.id, p);
    cursor = page.nextCursor;
  } while (cursor);
  for (const preset of all.values()) {
    expect(listed.get(preset.id)).toMatchObject({
      version: preset.version,
      name: preset.params.name,
    });
  }
}

/** One server's life: start, check, write until SIGKILL, check the file; `runs` times, then restart once more. */
async function crashRepeatedly(dir: string, file: string, runs: number) {
  const all = new Map<string, Tracked>();
  let acknowledged = 0;
  let committedInFlight = 0;
  let bff: ChildBff | undefined;
  try {
    for (let run = 0; run < runs; run++) {
      bff = await startChildBff({ DATA_DIR: dir });
      await checkThroughApi(bff, all);
      const killAfter = 5 + Math.floor(Math.random() * 40);
      acknowledged += await writeUntilKilled(bff, run, killAfter, all);
      bff = undefined;
      committedInFlight += checkFileAfterCrash(file, all);
    }
    bff = await startChildBff({ DATA_DIR: dir });
    await checkThroughApi(bff, all);
  } finally {
    bff?.child.kill('SIGKILL');
    await bff?.exited;
  }
  return { acknowledged, committedInFlight, presets: all.size };
}

describe('crash safety of the embedded SQLite store', () => {
  it(`keeps the file intact and every acknowledged save across ${RUNS} SIGKILLs mid-write`, async () => {
    const started = Date.now();
    const lanes = await Promise.all(
      temps.map((temp) => crashRepeatedly(temp.dir, temp.sqliteFile, RUNS / LANES)),
    );
    const sum = (key: 'acknowledged' | 'committedInFlight' | 'presets') =>
      lanes.reduce((n, lane) => n + lane[key], 0);
    console.info(
      `[crash] ${RUNS} SIGKILLs (${LANES} servers × ${RUNS / LANES}), ${sum('acknowledged')} acknowledged writes (+${sum('committedInFlight')} unacknowledged that committed), ${sum('presets')} presets checked after every restart, integrity_check ok ${RUNS}/${RUNS}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 90_000);
});

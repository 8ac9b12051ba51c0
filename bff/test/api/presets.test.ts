import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  presetIdSchema,
  presetListSchema,
  presetResponseSchema,
  resolvePeriod,
  type PresetResponse,
} from '../../src/contract';
import { newPresetId } from '../../src/services/presets';
import { createTempDataDir, insertRawSqlitePreset } from '../store/support/databases';
import { presetBody as body } from '../support/presets';
import { startStack, type Stack } from '../support/stack';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const PROJECT = '5f1a2b3c4d5e6f7a8b9c0d2a';
const temp = createTempDataDir();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { DATA_DIR: temp.dir } });
});
afterAll(async () => {
  await stack.close();
  temp.remove();
});

/** A preset body; `query` keys replace the question's, other keys the preset's own. */
const presetBody = (extra: Record<string, unknown> = {}, query: Record<string, unknown> = {}) =>
  body(
    ORG,
    {
      filters: { projects: [PROJECT], services: ['Clusters'] },
      groupBy: 'projects',
      view: { chartTopN: 10, sort: { column: 'usageAmount', desc: true } },
      ...query,
    },
    { name: 'Prod, last quarter', ...extra },
  );

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  stack.api(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function create(extra: Record<string, unknown> = {}): Promise<PresetResponse> {
  const res = await send('POST', '/api/presets', presetBody(extra));
  expect(res.status).toBe(201);
  return presetResponseSchema.parse(await res.json());
}

async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as Record<string, unknown>;
}

describe('POST /api/presets', () => {
  it('saves a preset and answers 201 with its Location, ETag and the range resolved for now', async () => {
    const res = await send('POST', '/api/presets', presetBody({ description: '  Quarterly  ' }));
    expect(res.status).toBe(201);
    const preset = presetResponseSchema.parse(await res.json());
    expect(res.headers.get('location')).toBe(`/api/presets/${preset.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(preset.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(preset).toMatchObject({
      ownedByYou: true,
      version: 1,
      schemaVersion: 3,
      description: 'Quarterly',
      query: { period: { kind: 'relative', period: 'last-3-complete-months' } },
    });
    expect(preset.resolved).toEqual(resolvePeriod(preset.query.period, new Date()));
    expect(preset.createdAt).toBe(preset.updatedAt);
  });

  it.each([
    ['an empty name', { name: ' ' }, {}, 'name'],
    ['an unknown field', { color: 'red' }, {}, 'body'],
    ['an unknown field in the question', {}, { color: 'red' }, 'query'],
    [
      'months that end before they start',
      {},
      { period: { kind: 'months', first: '2025-03-01', last: '2025-01-01' } },
      'query.period.last',
    ],
    [
      'a month that is not a month start',
      {},
      { period: { kind: 'months', first: '2025-03-15', last: '2025-05-01' } },
      'query.period.first',
    ],
    [
      'an unknown relative period',
      {},
      { period: { kind: 'relative', period: 'last-decade' } },
      'query.period.period',
    ],
    [
      'a project name instead of an id',
      {},
      { filters: { projects: ['orders'] } },
      'query.filters.projects.0',
    ],
    ['a chart of 0 bars', {}, { view: { chartTopN: 0 } }, 'query.view.chartTopN'],
    ['an unknown view option', {}, { view: { theme: 'dark' } }, 'query.view'],
    ['an unknown results tab', {}, { view: { tab: 'chart' } }, 'query.view.tab'],
    [
      'a drill-down step by an unknown dimension',
      {},
      { view: { drill: [{ dimension: 'regions', id: 'eu' }] } },
      'query.view.drill.0.dimension',
    ],
    ['a 1001-character description', { description: 'x'.repeat(1001) }, {}, 'description'],
  ])('refuses %s with a 400 naming the field', async (_name, extra, query, field) => {
    const problem = await expectProblem(
      await send('POST', '/api/presets', presetBody(extra, query)),
      400,
    );
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
  });

  it('keeps the results tab and drill-down path of the view, and opens them again', async () => {
    const view = {
      chartTopN: 5,
      perDay: true,
      tab: 'rows',
      drill: [{ dimension: 'projects', id: PROJECT }],
    };
    const created = await send('POST', '/api/presets', presetBody({}, { view }));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const opened = presetResponseSchema.parse(
      await (await send('GET', `/api/presets/${id}`)).json(),
    );
    expect(opened.query.view).toEqual(view);
  });

  it('refuses a request without X-CSRF: 1 and saves nothing', async () => {
    const before = presetListSchema.parse(await (await send('GET', '/api/presets')).json());
    const res = await stack.api('/api/presets', {
      method: 'POST',
      body: JSON.stringify(presetBody()),
      csrf: false,
    });
    await expectProblem(res, 403);
    const after = presetListSchema.parse(await (await send('GET', '/api/presets')).json());
    expect(after.items).toHaveLength(before.items.length);
  });
});

describe('GET /api/presets and /api/presets/:id', () => {
  it('opens a saved preset by its id with its ETag, as a share link does', async () => {
    const created = await create({ name: 'Shared' });
    const res = await send('GET', `/api/presets/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(presetResponseSchema.parse(await res.json())).toEqual(created);
  });

  it('lists the saved presets (ordering is covered by the repository suite)', async () => {
    const first = await create({ name: 'First' });
    const second = await create({ name: 'Second' });
    const list = presetListSchema.parse(await (await send('GET', '/api/presets')).json());
    expect(list.items.map((p) => p.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('answers an unknown id with a 404 problem and a malformed one with a 400', async () => {
    await expectProblem(await send('GET', '/api/presets/AAAAAAAAAAAAAAAAAAAAAA'), 404);
    await expectProblem(await send('GET', '/api/presets/..%2Fetc%2Fpasswd'), 400);
  });
});

describe('share-link ids', () => {
  it('are 22 base64url characters (128 random bits), with no collision in 10,000', () => {
    const ids = Array.from({ length: 10_000 }, newPresetId);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids.filter((id) => !presetIdSchema.safeParse(id).success)).toEqual([]);
  });
});

describe('a stored preset this server cannot read', () => {
  it('answers 500 without details when opened, and is left out of the list', async () => {
    const id = newPresetId();
    // As a newer release (schema v99) would have written it before a rollback.
    insertRawSqlitePreset(temp.sqliteFile, {
      id,
      owner: 'local',
      schemaVersion: 99,
      params: { name: 'from the future' },
      version: 1,
      createdAt: new Date().toISOString(),
    });
    const problem = await expectProblem(await send('GET', `/api/presets/${id}`), 500);
    expect(JSON.stringify(problem)).not.toContain('99');
    const list = presetListSchema.parse(await (await send('GET', '/api/presets')).json());
    expect(list.items.map((p) => p.id)).not.toContain(id);
    expect(stack.logs()).toContain('stored preset is unreadable');
  });
});

describe('PUT /api/presets/:id', () => {
  it('replaces the preset when If-Match carries the current ETag, and bumps it', async () => {
    const created = await create();
    const body = presetBody(
      { name: 'Renamed' },
      { period: { kind: 'months', first: '2025-01-01', last: '2025-03-01' } },
    );
    const res = await send('PUT', `/api/presets/${created.id}`, body, { 'If-Match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    const updated = presetResponseSchema.parse(await res.json());
    expect(updated).toMatchObject({ name: 'Renamed', version: 2, createdAt: created.createdAt });
    expect(updated.resolved).toEqual({ first: '2025-01-01', last: '2025-03-01' });
  });

  it('answers 428 without If-Match, or with "*", and changes nothing', async () => {
    const created = await create();
    for (const headers of [{}, { 'If-Match': '*' }] as Array<Record<string, string>>) {
      const problem = await expectProblem(
        await send('PUT', `/api/presets/${created.id}`, presetBody({ name: 'x' }), headers),
        428,
      );
      expect(problem.detail).toContain('If-Match');
    }
    expect((await send('GET', `/api/presets/${created.id}`)).headers.get('etag')).toBe('"1"');
  });

  it('answers 412 to a save based on an old version, or a tag that is not ours', async () => {
    const created = await create();
    const path = `/api/presets/${created.id}`;
    expect((await send('PUT', path, presetBody(), { 'If-Match': '"1"' })).status).toBe(200);
    const stale = await expectProblem(
      await send('PUT', path, presetBody(), { 'If-Match': '"1"' }),
      412,
    );
    expect(stale.detail).toContain('version 2');
    await expectProblem(await send('PUT', path, presetBody(), { 'If-Match': 'W/"2"' }), 412);
  });

  it('answers 404 for an unknown preset and 400 for an invalid body', async () => {
    await expectProblem(
      await send('PUT', '/api/presets/AAAAAAAAAAAAAAAAAAAAAA', presetBody(), { 'If-Match': '"1"' }),
      404,
    );
    const created = await create();
    await expectProblem(
      await send('PUT', `/api/presets/${created.id}`, presetBody({ name: '' }), {
        'If-Match': '"1"',
      }),
      400,
    );
  });
});

describe('DELETE /api/presets/:id', () => {
  it('deletes with the current ETag; without If-Match it is 428, with an old one 412', async () => {
    const created = await create();
    const path = `/api/presets/${created.id}`;
    await expectProblem(await send('DELETE', path), 428);
    await expectProblem(await send('DELETE', path, undefined, { 'If-Match': '"9"' }), 412);
    expect((await send('DELETE', path, undefined, { 'If-Match': '"1"' })).status).toBe(204);
    await expectProblem(await send('GET', path), 404);
  });
});

it('is ready while its store is open', async () => {
  expect((await stack.api('/readyz', { csrf: false })).status).toBe(200);
  expect(stack.bff.store.isOpen()).toBe(true);
});

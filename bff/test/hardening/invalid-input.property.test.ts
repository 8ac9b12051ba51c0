import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATLAS_SERVICES,
  currentMonthStart,
  dashboardFiltersSchema,
  dashboardQuerySchema,
  monthFromIndex,
  monthIndex,
  retentionWindow,
} from '../../src/contract';
import { closedMonths } from '../support/queries';
import { startStack, type Stack } from '../support/stack';
import { problemOf, rawRequest } from './support';

/**
 * Nothing invalid reaches Atlas: generated invalid bodies and path ids (wrong types,
 * prototype keys, non-month-start dates, huge arrays, CR/LF, unicode, `../`, `%2e%2e`, `%2f`,
 * `@host`) all get 400 problem+json naming the field, never a 5xx, and Atlas (the simulator)
 * sees no request at all. One BFF and one simulator serve the whole file.
 */

const ORG = '5f0c9a7b3d8e2a6100000001';
const QUERY_ID = 'AbCdEfGhIjKlMnOpQrStUv';
const OBJECT_ID = /^[a-f0-9]{24}$/;
const QUERY_ID_RE = /^[A-Za-z0-9_-]{22,64}$/;
const PRESET_ID_RE = /^[A-Za-z0-9_-]{22}$/;
const MAX_LIST = 500;

/** Runs per property, each checked by its own test; the total is checked to be at least 1,000. */
const RUNS = {
  shape: 450,
  rules: 100,
  notAnObject: 60,
  orgIds: 200,
  queryIds: 120,
  presetIds: 120,
  rawSlashes: 60,
};

let stack: Stack;
let generated = 0;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
  // Counted over the properties that ran (a `.only` run is smaller on purpose).
  if (generated >= 1000) console.log(`${generated} generated invalid inputs`);
});

const JSON_HEADERS = { 'X-CSRF': '1', 'Content-Type': 'application/json' };

/** Sends one request and checks the 400 baseline; `fields` must each be named by an error. */
async function expect400(
  method: string,
  path: string,
  fields: string[],
  body?: string,
  headers: Record<string, string> = {},
): Promise<void> {
  generated += 1;
  const res = await rawRequest(stack.bff.url, method, path, {
    headers: { ...JSON_HEADERS, ...headers },
    ...(body !== undefined && { body }),
  });
  const context = `${method} ${path} ${body?.slice(0, 200) ?? ''} → ${res.status} ${res.body.slice(0, 300)}`;
  expect(res.status, context).toBe(400);
  const problem = problemOf(res);
  expect(problem?.status, context).toBe(400);
  const errors = problem?.errors ?? [];
  expect(errors.length, context).toBeGreaterThan(0);
  for (const error of errors) {
    expect(typeof error.field === 'string' && error.field.length > 0, context).toBe(true);
    expect(typeof error.message === 'string' && error.message.length > 0, context).toBe(true);
  }
  const named = (field: string) =>
    errors.some((e) => e.field === field || e.field.startsWith(`${field}.`));
  for (const field of fields) {
    expect(named(field), `${context}\nexpected an error naming ${field}`).toBe(true);
  }
  expect(
    stack.simulator.requests.map((r) => `${r.route} ${r.path}`),
    context,
  ).toEqual([]);
}

/**
 * Runs a property for its share of RUNS and checks every run sent one input, so each test
 * proves its own count (a summary test reading the others' counts would depend on order).
 */
async function checkRuns<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<Ts>,
  runs: keyof typeof RUNS,
): Promise<void> {
  const before = generated;
  await fc.assert(property, { numRuns: RUNS[runs] });
  expect(generated - before).toBe(RUNS[runs]);
}

// ---------- values ----------

const objectId = fc.stringMatching(OBJECT_ID);
/** Strings of any Unicode, CR/LF and control characters included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const CONTROL_AND_UNICODE = [
  '\r\n',
  '\n',
  '\u0000',
  '\u202e',
  '\ufeff',
  '２',
  '٠',
  'é',
  '🙂',
  ' ',
  '\t',
];
const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

const isMonthStartText = (s: string) => /^\d{4}-(0[1-9]|1[0-2])-01$/.test(s);

/** Anything but a `YYYY-MM-01` string. */
const badMonth = fc.oneof(
  // A real date that is not the first of its month.
  fc
    .record({
      year: fc.integer({ min: 2000, max: 2099 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 2, max: 31 }),
    })
    .map(({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}`),
  // Month 00 or 13..99.
  fc
    .tuple(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom(0, 13, 20, 99))
    .map(([year, month]) => `${year}-${pad(month)}-01`),
  fc.constantFrom(
    '2026-1-01',
    '2026-01-1',
    '2026/01/01',
    '01-01-2026',
    '2026-01-01T00:00:00Z',
    '2026-01-01 ',
    ' 2026-01-01',
    '2026-01-01\r\n',
    '２０２６-01-01',
    '2026-01-01\u0000',
    '',
  ),
  fc
    .tuple(fc.constantFrom(...CONTROL_AND_UNICODE), fc.boolean())
    .map(([c, before]) => (before ? `${c}2026-01-01` : `2026-01-01${c}`)),
  anyText.filter((s) => !isMonthStartText(s)),
  wrongType,
  fc.array(fc.constant('2026-01-01'), { minLength: 1, maxLength: 2 }),
);

/** A string that is not a 24-character lowercase hex id. */
const badObjectId = fc.oneof(
  objectId.map((id) => id.toUpperCase()).filter((id) => !OBJECT_ID.test(id)),
  objectId.map((id) => id.slice(1)),
  objectId.map((id) => `${id}0`),
  fc
    .tuple(objectId, fc.nat(23), fc.constantFrom('g', 'G', 'z', '.', '/', ' ', '\n', 'é', '０'))
    .map(([id, at, c]) => id.slice(0, at) + c + id.slice(at + 1)),
  fc.constantFrom('../../admin', '..', '%2e%2e', '%2f', '@evil.example', 'a\r\nb', ''),
  anyText.filter((s) => !OBJECT_ID.test(s)),
);

/** One list field with something wrong inside, or too long, or not a list. */
const badIdList = fc.oneof(
  fc.tuple(fc.array(objectId, { maxLength: 5 }), badObjectId, fc.nat()).map(([ids, bad, at]) => {
    const list: unknown[] = [...ids];
    list.splice(at % (ids.length + 1), 0, bad);
    return list;
  }),
  fc.integer({ min: MAX_LIST + 1, max: MAX_LIST + 100 }).map((n) => hugeIdList(n)),
  fc.array(wrongType, { minLength: 1, maxLength: 3 }),
  wrongType,
  objectId,
);

const badServices = fc.oneof(
  fc
    .tuple(
      fc.subarray([...ATLAS_SERVICES], { maxLength: 3 }),
      anyText.filter((s) => !(ATLAS_SERVICES as readonly string[]).includes(s)),
    )
    .map(([ok, bad]) => [...ok, bad]),
  fc.constantFrom(['clusters'], ['ATLAS'], ['Atlas '], ['Atlas\r\n'], [null]),
  fc.constant(Array.from({ length: MAX_LIST + 1 }, (_, i) => ATLAS_SERVICES[i % 23])),
  wrongType,
  fc.constant('Atlas'),
);

const badGroupBy = fc.oneof(
  anyText.filter((s) => !['organizations', 'projects', 'clusters', 'services'].includes(s)),
  fc.constantFrom('Projects', 'project', 'services ', 'organizations\n', '__proto__'),
  wrongType,
);

const badBoolean = fc.oneof(
  fc.constantFrom('true', 'false', 0, 1, null, 'yes', [], {}),
  fc.string({ maxLength: 5 }),
);

/** The body's fields, from the contract itself (a new field is never generated as "unknown"). */
const ALLOWED_KEYS: string[] = Object.keys(dashboardQuerySchema.shape);
const FILTER_KEYS = Object.keys(dashboardFiltersSchema.shape) as Array<
  keyof typeof dashboardFiltersSchema.shape
>;
const unknownKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '__defineGetter__',
    'granularity',
    'startDate',
    'endDate',
    'StartDate',
    'start_date',
    'startDate ',
    'startDate\r\n',
    'startDate\u0000',
    'ｓtartDate',
  ),
  anyText.filter((k) => !ALLOWED_KEYS.includes(k)),
);
/** A JSON value an attacker would put behind a prototype key. */
const pollution = fc.oneof(
  fc.constant({ isAdmin: true }),
  fc.constant({ prototype: { polluted: 1 } }),
  fc.jsonValue({ maxDepth: 2 }),
);

/**
 * A mutation of the valid body that on its own makes it invalid, and the field to blame. `key`
 * is a path: `period.first`, `filters.projects`, or a top-level key.
 */
type Mutation = { key: string; value: unknown; blame: string };

const shapeMutation: fc.Arbitrary<Mutation> = fc.oneof(
  badMonth.map((value) => ({ key: 'period.first', value, blame: 'period.first' })),
  badMonth.map((value) => ({ key: 'period.last', value, blame: 'period.last' })),
  fc.constantFrom('period.first', 'period.last').map((key) => ({ key, value: DELETE, blame: key })),
  fc
    .oneof(
      wrongType,
      anyText.filter((s) => s !== 'months' && s !== 'relative'),
      fc.constantFrom('absolute', 'Months', 'relative '),
    )
    .map((value) => ({ key: 'period.kind', value, blame: 'period' })),
  wrongType.map((value) => ({ key: 'period', value, blame: 'period' })),
  badObjectId.map((value) => ({ key: 'orgId', value, blame: 'orgId' })),
  fc
    .tuple(fc.constantFrom('organizations', 'projects', 'clusters'), badIdList)
    .map(([key, value]) => ({ key: `filters.${key}`, value, blame: `filters.${key}` })),
  badServices.map((value) => ({ key: 'filters.services', value, blame: 'filters.services' })),
  fc
    .tuple(
      unknownKey.filter((k) => !(FILTER_KEYS as string[]).includes(k)),
      pollution,
    )
    .map(([key, value]) => ({ key: `filters.${key}`, value, blame: 'filters' })),
  fc
    .oneof(
      wrongType.filter((v) => typeof v !== 'object' || v === null),
      fc.constant([]),
    )
    .map((value) => ({ key: 'filters', value, blame: 'filters' })),
  badGroupBy.map((value) => ({ key: 'groupBy', value, blame: 'groupBy' })),
  badBoolean.map((value) => ({
    key: 'includePartialMatches',
    value,
    blame: 'includePartialMatches',
  })),
  fc.integer({ min: 51, max: 10_000 }).map((value) => ({
    key: 'view.chartTopN',
    value,
    blame: 'view.chartTopN',
  })),
  fc
    .tuple(
      // No dot: applyMutations reads `a.b` as key b inside a (it would break `period`, not add a key).
      unknownKey.filter((k) => !ALLOWED_KEYS.includes(k) && !k.includes('.')),
      pollution,
    )
    .map(([key, value]) => ({ key, value, blame: 'body' })),
);

/** A marker: the mutation removes the key. */
const DELETE = Symbol('delete');

/** JSON text built from entries, so `__proto__` arrives as an own key as a raw client sends it. */
function jsonText(entries: Array<[string, unknown]>): string {
  const value = (v: unknown) => (v instanceof RawJson ? v.text : JSON.stringify(v));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${value(v)}`).join(',')}}`;
}

/** The valid body with the mutations applied; nested objects are written as JSON text too. */
function applyMutations(mutations: Mutation[]): string {
  const valid = { ...closedMonths(2), filters: { projects: [] }, view: {} };
  const body = new Map<string, unknown>(Object.entries(valid));
  const nested = new Map<string, Map<string, unknown>>();
  for (const m of mutations) {
    const [top, inner] = m.key.split('.') as [string, string | undefined];
    if (inner === undefined) {
      nested.delete(top);
      if (m.value === DELETE) body.delete(top);
      else body.set(top, m.value);
      continue;
    }
    const current = body.get(top);
    let object = nested.get(top);
    if (!object) {
      object = new Map(Object.entries((current ?? {}) as Record<string, unknown>));
      nested.set(top, object);
    }
    if (m.value === DELETE) object.delete(inner);
    else object.set(inner, m.value);
  }
  return jsonText(
    [...body.entries()].map(([k, v]) => {
      const object = nested.get(k);
      return [k, object ? RAW(jsonText([...object.entries()])) : v];
    }),
  );
}

/** JSON text to splice in as it is (a nested object with an own `__proto__` key). */
class RawJson {
  constructor(readonly text: string) {}
}
const RAW = (text: string) => new RawJson(text);

const pad = (n: number) => String(n).padStart(2, '0');

function hugeIdList(n: number): string[] {
  return Array.from({ length: n }, (_, i) => i.toString(16).padStart(24, '0'));
}

// ---------- path segments ----------

/**
 * Raw path segments an attacker would send, byte for byte (already percent-encoded where
 * needed). Each decodes to something that is not a valid id, or fails to decode at all.
 */
const PATH_PIECES = [
  '..',
  '.',
  '%2e',
  '%2E',
  '%2e%2e',
  '%2f',
  '%2F',
  '%5c',
  '@',
  'evil.example',
  ':80',
  '%0d',
  '%0a',
  '%0D%0A',
  '%00',
  '%20',
  '%c0%ae',
  '%e2%80%ae',
  '%ef%bc%8f',
  '%25',
  '%252e',
  '%zz',
  '~',
  'a',
  'F',
  '0',
];

/** Decoded as Express does it; undefined when it cannot be decoded (the BFF says 400 path). */
function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function badSegment(valid: RegExp): fc.Arbitrary<string> {
  const invalid = (raw: string) => {
    if (raw.length === 0) return false;
    const decoded = decodeSegment(raw);
    return decoded === undefined || !valid.test(decoded);
  };
  return fc
    .oneof(
      fc
        .array(fc.constantFrom(...PATH_PIECES), { minLength: 1, maxLength: 6 })
        .map((p) => p.join('')),
      anyText.map((s) => encodeURIComponent(s)),
      fc.constantFrom(
        '..%2f..%2fadmin',
        '%2e%2e%2f%2e%2e%2f',
        '@evil.example',
        'evil.example%40127.0.0.1',
        '%0d%0aLocation:%20http:%2f%2fevil.example',
        '5f0c9a7b3d8e2a6100000001%0d%0a',
        '5f0c9a7b3d8e2a6100000001%00',
        '5F0C9A7B3D8E2A6100000001',
        '5f0c9a7b3d8e2a610000000',
        '5f0c9a7b3d8e2a61000000011',
        '%EF%BC%95f0c9a7b3d8e2a6100000001',
        'AbCdEfGhIjKlMnOpQrStU%3D',
        'AbCdEfGhIjKlMnOpQrStU',
        'AbCdEfGhIjKlMnOpQrStUv.',
      ),
      // A valid-looking id with one character changed to something outside its alphabet.
      fc
        .tuple(fc.nat(21), fc.constantFrom('%2e', '%2f', '%20', '+', '=', '%c3%a9', '%0a', '!'))
        .map(([at, c]) => QUERY_ID.slice(0, at) + c + QUERY_ID.slice(at + 1)),
    )
    .filter(invalid);
}

/** The fields a bad segment may be blamed on: the parameter, or the path if undecodable. */
const blameFor = (raw: string, param: string) =>
  decodeSegment(raw) === undefined ? 'path' : param;

// ---------- properties ----------

describe('generated invalid input never reaches Atlas', () => {
  it('every invalid cost-query body is a 400 naming each broken field', async () => {
    await checkRuns(
      fc.asyncProperty(
        fc.uniqueArray(shapeMutation, {
          minLength: 1,
          maxLength: 3,
          // One mutation per top-level key: a whole `period` replaced hides one of its months.
          selector: (m) => m.key.split('.')[0],
        }),
        async (mutations) => {
          const body = applyMutations(mutations);
          const blamed = [...new Set(mutations.map((m) => m.blame))];
          await expect400('POST', `/api/orgs/${ORG}/cost-queries`, blamed, body);
        },
      ),
      'shape',
    );
  });

  it('a well-formed body that breaks a rule (order, retention, the path’s org) is a 400 naming it', async () => {
    const current = monthIndex(currentMonthStart(new Date()));
    const { earliestStart, latestEnd } = retentionWindow(new Date());
    const inWindow = fc.integer({ min: monthIndex(earliestStart) + 1, max: current });
    const months = (first: number, last: number) => ({
      period: { kind: 'months', first: monthFromIndex(first), last: monthFromIndex(last) },
    });
    const rule = fc.oneof(
      // Both months are included: a last month before the first is empty.
      fc.tuple(inWindow, fc.integer({ min: 1, max: 6 })).map(([first, back]) => ({
        body: months(first, Math.max(first - back, 0)),
        blame: 'period.last',
      })),
      fc.integer({ min: 1, max: 120 }).map((before) => ({
        body: months(monthIndex(earliestStart) - before, current),
        blame: 'period.first',
      })),
      fc.integer({ min: 0, max: 120 }).map((after) => ({
        body: months(current, monthIndex(latestEnd) + after),
        blame: 'period.last',
      })),
      objectId
        .filter((id) => id !== ORG)
        .map((orgId) => ({ body: { ...closedMonths(2), orgId }, blame: 'orgId' })),
    );
    await checkRuns(
      fc.asyncProperty(rule, async ({ body, blame }) => {
        await expect400('POST', `/api/orgs/${ORG}/cost-queries`, [blame], JSON.stringify(body));
      }),
      'rules',
    );
  });

  it('a body that is not one JSON object is a 400 naming the body', async () => {
    const notAnObject = fc.oneof(
      fc.constantFrom(
        'null',
        'true',
        '0',
        '"x"',
        '[]',
        '[{}]',
        '{',
        '{"startDate":',
        '\u0000',
        '{}}',
      ),
      fc
        .jsonValue()
        .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
        .map((v) => JSON.stringify(v)),
      closedMonthsText().map((t) => t.slice(0, -1)),
    );
    await checkRuns(
      fc.asyncProperty(notAnObject, async (body) => {
        await expect400('POST', `/api/orgs/${ORG}/cost-queries`, ['body'], body);
      }),
      'notAnObject',
    );
  });

  it('every invalid organization id in a path is a 400 naming orgId', async () => {
    const validBody = JSON.stringify(closedMonths(2));
    const routes = [
      { method: 'GET', path: (org: string) => `/api/orgs/${org}/projects` },
      { method: 'GET', path: (org: string) => `/api/orgs/${org}/clusters` },
      { method: 'POST', path: (org: string) => `/api/orgs/${org}/cost-queries`, body: validBody },
      { method: 'GET', path: (org: string) => `/api/orgs/${org}/cost-queries/${QUERY_ID}` },
      { method: 'DELETE', path: (org: string) => `/api/orgs/${org}/cost-queries/${QUERY_ID}` },
    ];
    await checkRuns(
      fc.asyncProperty(fc.constantFrom(...routes), badSegment(OBJECT_ID), async (route, org) => {
        await expect400(route.method, route.path(org), [blameFor(org, 'orgId')], route.body);
      }),
      'orgIds',
    );
  });

  it('every invalid cost-query id in a path is a 400 naming id', async () => {
    await checkRuns(
      fc.asyncProperty(
        fc.constantFrom('GET', 'DELETE'),
        badSegment(QUERY_ID_RE),
        async (method, id) => {
          await expect400(method, `/api/orgs/${ORG}/cost-queries/${id}`, [blameFor(id, 'id')]);
        },
      ),
      'queryIds',
    );
  });

  it('every invalid preset id in a path is a 400 naming id', async () => {
    const body = JSON.stringify({ name: 'x' });
    await checkRuns(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'DELETE'),
        badSegment(PRESET_ID_RE),
        async (method, id) => {
          await expect400(
            method,
            `/api/presets/${id}`,
            [blameFor(id, 'id')],
            method === 'PUT' ? body : undefined,
            { 'If-Match': '"1"' },
          );
        },
      ),
      'presetIds',
    );
  });

  it('a raw `/` or `../` in an id segment finds no route (404) or a 400, never Atlas', async () => {
    // Unencoded slashes change which route matches; Express does not resolve dot segments.
    const raw = fc
      .tuple(
        fc.array(fc.constantFrom('..', '.', '', 'admin', '%2e%2e', ORG), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.constantFrom(
          (seg: string) => `/api/orgs/${seg}/projects`,
          (seg: string) => `/api/orgs/${ORG}/cost-queries/${seg}`,
          (seg: string) => `/api/presets/${seg}`,
        ),
      )
      .map(([parts, route]) => route(`${parts.join('/')}/`));
    await checkRuns(
      fc.asyncProperty(raw, async (path) => {
        generated += 1;
        const res = await rawRequest(stack.bff.url, 'GET', path, { headers: JSON_HEADERS });
        expect([400, 404], `${path} → ${res.status}`).toContain(res.status);
        expect(problemOf(res)?.status).toBe(res.status);
        expect(stack.simulator.requests).toHaveLength(0);
      }),
      'rawSlashes',
    );
  });

  it.each([
    `/api/orgs/%zz/projects`,
    `/api/orgs/%c0%ae%c0%ae/clusters`,
    `/api/orgs/${ORG}/cost-queries/%E0%A4%A`,
    `/api/presets/%ff%fe%fd`,
  ])('an undecodable segment in %s is a 400 naming the path, not a 500', async (path) => {
    await expect400('GET', path, ['path']);
  });

  it('plans at least 1,000 generated invalid inputs in all', () => {
    expect(Object.values(RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
  });
});

function closedMonthsText(): fc.Arbitrary<string> {
  return fc.constant(JSON.stringify(closedMonths(2)));
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetListSchema } from '../../src/contract';
import { presetBody } from '../support/presets';
import { startStack, type Stack } from '../support/stack';

/** Presets are bounded per person, and their list comes a page at a time. */
const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const LIMIT = 7;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { PRESET_LIMIT_PER_USER: String(LIMIT) } });
});
afterAll(() => stack.close());

const save = (name: string) =>
  stack.api('/api/presets', {
    method: 'POST',
    body: JSON.stringify(presetBody(ORG, {}, { name })),
  });

describe('presets per person', () => {
  it('refuses a save beyond the limit with a 409 that says what to do, and keeps the rest', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await save(`Preset ${i}`)).status).toBe(201);
    const refused = await save('one too many');
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await refused.json()) as { title: string; detail: string };
    expect(problem.title).toBe('Too many presets');
    expect(problem.detail).toContain(`${LIMIT} presets`);
    expect(problem.detail).toContain('Delete');
  });

  it('lists them a page at a time with a cursor, every preset once', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const query = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await stack.api(`/api/presets${query}`);
      expect(res.status).toBe(200);
      const page = presetListSchema.parse(await res.json());
      expect(page.items.length).toBeLessThanOrEqual(3);
      names.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(names).toHaveLength(LIMIT);
    expect(new Set(names).size).toBe(LIMIT);
    const all = presetListSchema.parse(await (await stack.api('/api/presets?limit=100')).json());
    expect(all.items.map((p) => p.name)).toEqual(names);
    expect(all.nextCursor).toBeUndefined();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=not-ours', 'cursor'],
    ['cursor=%2e%2e', 'cursor'],
    ['page=2', 'query'],
  ])('answers ?%s with a 400 naming %s', async (query, field) => {
    const res = await stack.api(`/api/presets?${query}`);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });
});

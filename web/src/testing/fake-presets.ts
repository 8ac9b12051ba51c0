// Presets endpoints for component tests, with the BFF's write rules: strong ETags of the
// version, If-Match required (428) and checked (412), 201 + Location on create. Answers are
// the contract's shapes; installFakeApi({ extra: presets.handle }) mounts them.
import {
  PRESET_SCHEMA_VERSION,
  presetInputSchema,
  resolvePeriod,
  type PresetResponse,
} from '@ace/bff/contract';
import type { FakeRequest } from './fake-api';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const problem = (status: number, title: string, errors?: unknown) =>
  new Response(JSON.stringify({ status, title, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

export function createFakePresets(now: () => Date = () => new Date()) {
  const presets = new Map<string, PresetResponse>();
  let next = 1;
  const etag = (p: PresetResponse) => `"${p.version}"`;
  const withEtag = (p: PresetResponse, status = 200, headers: Record<string, string> = {}) =>
    json(p, status, { ETag: etag(p), ...headers });

  function save(id: string, body: unknown, version: number, createdAt?: string) {
    const parsed = presetInputSchema.safeParse(body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        field: i.path.join('.'),
        message: i.message,
      }));
      return { error: problem(400, 'Invalid preset', errors) };
    }
    const at = now().toISOString();
    const preset: PresetResponse = {
      ...parsed.data,
      id,
      ownedByYou: true,
      createdAt: createdAt ?? at,
      updatedAt: at,
      version,
      schemaVersion: PRESET_SCHEMA_VERSION,
      resolved: resolvePeriod(parsed.data.query.period, now()),
    };
    presets.set(id, preset);
    return { preset };
  }

  /** Checks If-Match like the BFF: 428 without it, 412 unless it names the current version. */
  function precondition(request: FakeRequest, current: PresetResponse): Response | undefined {
    const ifMatch = request.headers['if-match'];
    if (!ifMatch) return problem(428, 'If-Match required');
    if (ifMatch !== etag(current)) return problem(412, 'Preset changed since you loaded it');
    return undefined;
  }

  function handle(request: FakeRequest): Response | undefined {
    const { method, url, body } = request;
    if (url.pathname === '/api/presets') {
      if (method === 'GET') {
        const items = [...presets.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
        return json({ items });
      }
      if (method !== 'POST') return undefined;
      const id = `preset${String(next++).padStart(16, '0')}`;
      const { preset, error } = save(id, body, 1);
      return error ?? withEtag(preset, 201, { Location: `/api/presets/${id}` });
    }
    const match = /^\/api\/presets\/([^/]+)$/.exec(url.pathname);
    if (!match) return undefined;
    const current = presets.get(match[1]!);
    if (!current) return problem(404, 'No such preset');
    if (method === 'GET') return withEtag(current);
    const refused = precondition(request, current);
    if (refused) return refused;
    if (method === 'DELETE') {
      presets.delete(current.id);
      return json(null, 204);
    }
    const { preset, error } = save(current.id, body, current.version + 1, current.createdAt);
    return error ?? withEtag(preset);
  }

  return {
    handle,
    presets,
    /** Someone else saves the preset (its version moves on), as from another browser. */
    changeElsewhere(id: string, changes: Partial<PresetResponse>) {
      const current = presets.get(id)!;
      presets.set(id, { ...current, ...changes, version: current.version + 1 });
    },
  };
}

export type FakePresets = ReturnType<typeof createFakePresets>;

import type { PresetInput } from '@ace/bff/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { installFakeApi, ORG_ID } from '../../../testing/fake-api';
import { createFakePresets } from '../../../testing/fake-presets';
import { createTestQueryClient } from '../../../testing/render';
import { presetKeys, presetQueryOptions } from './preset-queries';
import {
  useCreatePreset,
  useDeletePreset,
  useUpdatePreset,
  writeProblemOf,
} from './use-preset-mutations';

const NOW = new Date('2025-06-15T12:00:00Z');
const INPUT: PresetInput = {
  name: 'Q1',
  query: { orgId: ORG_ID, period: { kind: 'relative', period: 'last-3-complete-months' } },
};

function setup() {
  const presets = createFakePresets(() => NOW);
  const api = installFakeApi({ extra: presets.handle });
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const hooks = renderHook(
    () => ({ create: useCreatePreset(), update: useUpdatePreset(), remove: useDeletePreset() }),
    { wrapper },
  );
  return { presets, api, queryClient, hooks: () => hooks.result.current };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the write to fail');
}

describe('the presets API hooks', () => {
  it('writes with the ETag it loaded and keeps the one the server answers with', async () => {
    const { api, queryClient, hooks } = setup();
    const created = await act(() => hooks().create.mutateAsync(INPUT));
    expect(created.etag).toBe('"1"');
    expect(created.preset.resolved).toEqual({ first: '2025-03-01', last: '2025-05-01' });

    const loaded = await queryClient.fetchQuery(presetQueryOptions(created.preset.id));
    const saved = await act(() =>
      hooks().update.mutateAsync({
        id: loaded.preset.id,
        etag: loaded.etag,
        input: { ...INPUT, name: 'Q1 costs' },
      }),
    );
    const [put] = api.callsTo('PUT', `/api/presets/${created.preset.id}`);
    expect(put?.headers['if-match']).toBe('"1"');
    expect(put?.headers['x-csrf']).toBe('1');
    expect(saved.etag).toBe('"2"');
    expect(queryClient.getQueryData(presetKeys.detail(created.preset.id))).toEqual(saved);
  });

  it('turns a stale ETag into a 412 the page explains, and changes nothing', async () => {
    const { presets, hooks } = setup();
    const { preset, etag } = await act(() => hooks().create.mutateAsync(INPUT));
    presets.changeElsewhere(preset.id, { name: 'Theirs' });

    const error = await caught(
      act(() => hooks().update.mutateAsync({ id: preset.id, etag, input: INPUT })),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(writeProblemOf(error)).toEqual({ kind: 'stale' });
    expect(presets.presets.get(preset.id)?.name).toBe('Theirs');
  });

  it('deletes with If-Match, and counts a preset that is already gone as deleted', async () => {
    const { api, queryClient, hooks } = setup();
    const { preset, etag } = await act(() => hooks().create.mutateAsync(INPUT));
    const stale = await caught(
      act(() => hooks().remove.mutateAsync({ id: preset.id, etag: '"9"' })),
    );
    expect(writeProblemOf(stale)).toEqual({ kind: 'stale' });

    await act(() => hooks().remove.mutateAsync({ id: preset.id, etag }));
    await act(() => hooks().remove.mutateAsync({ id: preset.id, etag }));
    const deletes = api.callsTo('DELETE', `/api/presets/${preset.id}`);
    expect(deletes.map((call) => call.headers['if-match'])).toEqual(['"9"', '"1"', '"1"']);
    expect(queryClient.getQueryData(presetKeys.detail(preset.id))).toBeUndefined();
  });

  it('names what a refused write means', () => {
    const problem = (status: number, extra: object = {}) =>
      writeProblemOf(new ApiError({ status, title: 'T', detail: 'D', ...extra }));
    expect(problem(428)).toEqual({ kind: 'precondition-required', detail: 'D' });
    expect(problem(404)).toEqual({ kind: 'gone' });
    expect(problem(400, { errors: [{ field: 'name', message: 'is required' }] })).toEqual({
      kind: 'invalid',
      messages: ['name is required'],
    });
    expect(problem(500)).toEqual({ kind: 'other', title: 'T', detail: 'D' });
  });
});

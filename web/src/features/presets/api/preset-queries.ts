import { queryOptions } from '@tanstack/react-query';
import { fetchPreset, fetchPresets } from './preset-api';

export const presetKeys = {
  all: ['presets'] as const,
  list: () => ['presets', 'list'] as const,
  detail: (id: string) => ['presets', 'detail', id] as const,
};

export function presetsQueryOptions() {
  return queryOptions({
    queryKey: presetKeys.list(),
    queryFn: ({ signal }) => fetchPresets(signal),
    staleTime: 30_000,
  });
}

/**
 * One preset with its ETag. Always asked afresh when a page opens it (staleTime 0): its
 * relative range is resolved by the server for "now", and a write must name the newest version.
 */
export function presetQueryOptions(id: string) {
  return queryOptions({
    queryKey: presetKeys.detail(id),
    queryFn: ({ signal }) => fetchPreset(id, signal),
    staleTime: 0,
  });
}

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { toApiError } from '../../../lib/api-client';
import { createPreset, deletePreset, updatePreset, type VersionedPreset } from './preset-api';
import { presetKeys } from './preset-queries';

function remember(queryClient: QueryClient, saved: VersionedPreset): Promise<void> {
  queryClient.setQueryData(presetKeys.detail(saved.preset.id), saved);
  return queryClient.invalidateQueries({ queryKey: presetKeys.list() });
}

export function useCreatePreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPreset,
    onSuccess: (saved) => remember(queryClient, saved),
  });
}

export function useUpdatePreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePreset,
    onSuccess: (saved) => remember(queryClient, saved),
  });
}

export function useDeletePreset() {
  const queryClient = useQueryClient();
  const forget = (id: string) => {
    queryClient.removeQueries({ queryKey: presetKeys.detail(id) });
    return queryClient.invalidateQueries({ queryKey: presetKeys.list() });
  };
  return useMutation({
    // Already gone (someone else deleted it) is what the user wanted: not an error.
    mutationFn: async (write: { id: string; etag: string }) => {
      try {
        await deletePreset(write);
      } catch (error) {
        if (toApiError(error).status !== 404) throw error;
      }
    },
    onSuccess: (_, { id }) => forget(id),
  });
}

/** What a failed write means for the user. */
export type WriteProblem =
  | { kind: 'stale' }
  | { kind: 'precondition-required'; detail: string | undefined }
  | { kind: 'gone' }
  | { kind: 'invalid'; messages: string[] }
  | { kind: 'other'; title: string; detail: string | undefined };

export function writeProblemOf(error: unknown): WriteProblem {
  const apiError = toApiError(error);
  switch (apiError.status) {
    case 412:
      return { kind: 'stale' };
    case 428:
      return { kind: 'precondition-required', detail: apiError.detail };
    case 404:
      return { kind: 'gone' };
    case 400:
      if (apiError.errors.length > 0) {
        return { kind: 'invalid', messages: apiError.errors.map((e) => `${e.field} ${e.message}`) };
      }
  }
  return { kind: 'other', title: apiError.title, detail: apiError.detail };
}

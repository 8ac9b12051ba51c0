import { Button, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { toApiError } from '../../../lib/api-client';

export interface PickerStateOptions {
  /** Plural noun for messages: "projects". */
  noun: string;
  /** Shown under an empty list: "No projects in this organization". */
  emptyMessage: string;
  /** Shown while the list cannot load yet (e.g. no organization chosen). */
  waitingMessage?: string;
  placeholder: string;
  itemCount: number | undefined;
}

export interface PickerStateProps {
  disabled: boolean;
  placeholder: string;
  rightSection?: ReactNode;
  description?: string;
  error?: string;
}

/** Loading, waiting, empty and error looks for a picker, so every picker behaves the same. */
export function pickerStateProps(
  query: Pick<UseQueryResult, 'isPending' | 'isError' | 'error' | 'fetchStatus'>,
  { noun, emptyMessage, waitingMessage, placeholder, itemCount }: PickerStateOptions,
): PickerStateProps {
  if (query.isPending && query.fetchStatus === 'idle') {
    return { disabled: true, placeholder: waitingMessage ?? placeholder };
  }
  if (query.isPending) {
    return {
      disabled: true,
      placeholder: `Loading ${noun}…`,
      rightSection: <Loader size="xs" aria-hidden />,
    };
  }
  if (query.isError) {
    const error = toApiError(query.error);
    return {
      disabled: true,
      placeholder: `${noun[0]?.toUpperCase()}${noun.slice(1)} unavailable`,
      error: `Could not load ${noun}: ${error.detail ? `${error.title}. ${error.detail}` : error.title}`,
    };
  }
  if (itemCount === 0)
    return { disabled: true, placeholder: emptyMessage, description: emptyMessage };
  return { disabled: false, placeholder };
}

export function PickerRetry({
  query,
  noun,
}: {
  query: Pick<UseQueryResult, 'isError' | 'isFetching' | 'refetch'>;
  noun: string;
}) {
  if (!query.isError) return null;
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      loading={query.isFetching}
      onClick={() => void query.refetch()}
    >
      Retry loading {noun}
    </Button>
  );
}

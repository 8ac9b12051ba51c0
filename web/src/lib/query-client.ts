import { QueryClient } from '@tanstack/react-query';
import { toApiError } from './api-client';

const MAX_RETRIES = 2;

/** Shared defaults: retry only what may heal (network, 429, 5xx), honouring Retry-After. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < MAX_RETRIES && toApiError(error).isTransient,
        retryDelay: (attempt, error) => {
          const retryAfter = toApiError(error).retryAfterSeconds;
          return retryAfter !== undefined ? retryAfter * 1000 : Math.min(1000 * 2 ** attempt, 8000);
        },
      },
      mutations: { retry: false },
    },
  });
}

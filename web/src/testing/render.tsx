import { QueryClient } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { AppProviders } from '../app/providers';

/** A client without retries or caching between tests: failures show at once. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

type User = ReturnType<typeof userEvent.setup>;

export function renderWithProviders(
  ui: ReactElement,
  { user = userEvent.setup() }: { user?: User } = {},
): RenderResult & { user: User } {
  const result = render(
    <AppProviders queryClient={createTestQueryClient()} mantineEnv="test">
      {ui}
    </AppProviders>,
  );
  return { ...result, user };
}

/**
 * Fake timers that Testing Library's waitFor can drive: it advances "jest" timers when it sees
 * them, so expose Vitest's under that name. Every wait is then simulated time, never a sleep.
 */
export function installFakeClock(now: Date): User {
  vi.useFakeTimers({
    now,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}

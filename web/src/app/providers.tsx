import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { createQueryClient } from '../lib/query-client';
import { cssVariablesResolver, theme } from './theme';

/** The chosen scheme is a preference, not a secret: localStorage is the right place. */
const colorSchemeManager = localStorageColorSchemeManager({ key: 'ace-color-scheme' });

interface AppProvidersProps {
  children: ReactNode;
  /** Tests pass their own client (no retries) and Mantine's test env (no transitions). */
  queryClient?: QueryClient;
  mantineEnv?: 'default' | 'test';
}

export function AppProviders({ children, queryClient, mantineEnv }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      env={mantineEnv}
      defaultColorScheme="light"
      colorSchemeManager={colorSchemeManager}
    >
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}

import { AppShell, Container, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMeta } from '../features/meta/api/meta-query';
import { DataSourceBadge } from '../features/meta/components/data-source-badge';
import { SignedInUser, SignInProblem } from '../features/meta/components/session-status';
import { ColorSchemeToggle } from './color-scheme-toggle';

export function AppLayout({ children }: { children: ReactNode }) {
  const meta = useMeta();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h3">
            Atlas Cost Explorer
          </Title>
          <Group gap="sm">
            <SignedInUser user={meta.data?.user} />
            <DataSourceBadge dataSource={meta.data?.dataSource} />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl">
          <SignInProblem error={meta.error} />
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

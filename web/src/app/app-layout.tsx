import { Container, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMeta } from '../features/meta/api/meta-query';
import { DataSourceBadge } from '../features/meta/components/data-source-badge';
import { SignedInUser, SignInProblem } from '../features/meta/components/session-status';
import classes from './app-layout.module.css';
import { ColorSchemeToggle } from './color-scheme-toggle';

/**
 * A header and the page. Plain elements rather than Mantine's AppShell: with no navbar, aside
 * or footer, AppShell's responsive layout code (and react-remove-scroll, which it imports) was
 * ~9 KB gzip of the first screen for a sticky bar.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const meta = useMeta();
  return (
    <>
      <header className={classes.header}>
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
      </header>
      <main className={classes.main}>
        <Container size="xl">
          <SignInProblem error={meta.error} />
          {children}
        </Container>
      </main>
    </>
  );
}

import { Alert, Button, Container, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { titled } from './page-title';

interface State {
  failed: boolean;
}

/** The last line of defence: a friendly message and a reload, never a stack trace. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // The console is for developers; the page shows no internals.
    console.error('Unhandled error in the page', error, info.componentStack);
    // A class cannot use the hook; the tab should not keep naming a view that is gone.
    document.title = titled('Something went wrong');
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title="Something went wrong" role="alert">
          <Text size="sm" mb="sm">
            The page hit an unexpected error. Your data is safe; reloading usually helps.
          </Text>
          <Button variant="light" color="red" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
        </Alert>
      </Container>
    );
  }
}

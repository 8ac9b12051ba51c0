import { Alert, List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { WriteProblem } from '../api/use-preset-mutations';

interface WriteProblemAlertProps {
  problem: WriteProblem | null;
  /** What the user can do about a 412: reload the preset or the list. */
  reloadAction: ReactNode;
}

/** Why a save, rename or delete did not happen, in words, with the way out. */
export function WriteProblemAlert({ problem, reloadAction }: WriteProblemAlertProps) {
  if (!problem) return null;
  switch (problem.kind) {
    case 'stale':
      return (
        <Alert color="red" title="Someone else changed this preset" role="alert">
          <Text size="sm" mb="sm">
            It was saved again after you loaded it, so your change was not applied (nothing of
            theirs was overwritten). Reload it to see their version.
          </Text>
          {reloadAction}
        </Alert>
      );
    case 'precondition-required':
      return (
        <Alert color="red" title="The server did not accept the change" role="alert">
          {problem.detail ?? 'It needs to know which version of the preset is being changed.'}
        </Alert>
      );
    case 'gone':
      return (
        <Alert color="red" title="This preset no longer exists" role="alert">
          Someone deleted it. Save the view as a new preset to keep it.
        </Alert>
      );
    case 'invalid':
      return (
        <Alert color="red" title="The preset was not accepted" role="alert">
          <List size="sm">
            {problem.messages.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        </Alert>
      );
    case 'other':
      return (
        <Alert color="red" title={problem.title} role="alert">
          {problem.detail}
        </Alert>
      );
  }
}

import { Alert, Code, List, Text } from '@mantine/core';
import { useState } from 'react';
import type { IgnoredParam } from '../url-state';

/** Says which parts of an opened link were left out, so a broken link is never silent. */
export function IgnoredParamsNotice({ ignored }: { ignored: readonly IgnoredParam[] }) {
  const [dismissed, setDismissed] = useState(false);
  if (ignored.length === 0 || dismissed) return null;
  return (
    <Alert
      color="blue"
      title="Parts of this link were ignored"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => setDismissed(true)}
    >
      <Text size="sm" mb="xs">
        The rest of the view opened as usual; the controls show what was used.
      </Text>
      <List size="sm">
        {ignored.map((item, i) => (
          <List.Item key={i}>
            <Code>{item.param}</Code> {item.reason}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

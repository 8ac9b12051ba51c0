import { Tooltip } from '@mantine/core';
import type { ReactElement } from 'react';

/** Loaded at the first interaction (data-source-badge.tsx): nobody hovers before that. */
export default function SimulatorTooltip({ children }: { children: ReactElement }) {
  return (
    <Tooltip label="Costs come from the built-in Atlas simulator, not from your Atlas account">
      {children}
    </Tooltip>
  );
}

import { Badge, Tooltip } from '@mantine/core';
import type { Meta } from '@ace/bff/contract';

/** Says loudly when the numbers come from the embedded simulator, not from Atlas. */
export function DataSourceBadge({ dataSource }: { dataSource: Meta['dataSource'] | undefined }) {
  if (dataSource !== 'simulator') return null;
  return (
    <Tooltip label="Costs come from the built-in Atlas simulator, not from your Atlas account">
      <Badge color="orange" variant="light" size="lg" c="var(--ace-color-warning)">
        Simulated data
      </Badge>
    </Tooltip>
  );
}

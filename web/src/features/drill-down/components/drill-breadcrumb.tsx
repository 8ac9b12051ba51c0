import { Anchor, Breadcrumbs, Button, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';

export interface Crumb {
  label: string;
}

interface DrillBreadcrumbProps {
  crumbs: readonly Crumb[];
  /** Go back to crumb `index` (its result is still cached: no new query). */
  onStep: (index: number) => void;
  /** Whether the current view's groups can be broken down (shows how). */
  canDrill: boolean;
}

/**
 * Where the user is in the drill-down, each earlier step one click (or Enter) away. Focus
 * follows each step, since the table the user clicked in is replaced.
 */
export function DrillBreadcrumb({ crumbs, onStep, canDrill }: DrillBreadcrumbProps) {
  const last = crumbs.length - 1;
  const current = useRef<HTMLParagraphElement>(null);
  const previousDepth = useRef(last);
  useEffect(() => {
    if (previousDepth.current !== last) current.current?.focus();
    previousDepth.current = last;
  }, [last]);
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <nav aria-label="Drill-down">
        <Breadcrumbs separator="›" separatorMargin={6}>
          {crumbs.map((crumb, i) =>
            i === last ? (
              <Text key={i} ref={current} tabIndex={-1} size="sm" fw={600} aria-current="page">
                {crumb.label}
              </Text>
            ) : (
              <Anchor key={i} component="button" type="button" size="sm" onClick={() => onStep(i)}>
                {crumb.label}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      </nav>
      {last > 0 ? (
        <Button size="compact-sm" variant="default" onClick={() => onStep(last - 1)}>
          Back
        </Button>
      ) : (
        canDrill && (
          <Text size="xs" c="dimmed">
            Choose a name in the table to break it down.
          </Text>
        )
      )}
    </Group>
  );
}

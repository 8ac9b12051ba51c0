import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { PresetResponse } from '@ace/bff/contract';
import { CopyLinkButton } from '../../../components/share/copy-link-button';
import { formatTimeAgo } from '../../../lib/relative-time';
import { periodLabel, presetLink } from '../preset-labels';

interface PresetListItemProps {
  preset: PresetResponse;
  /** Local epoch ms the list was drawn at (for "updated 5 minutes ago"). */
  now: number;
  active: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string) => void;
  onDelete: (id: string) => void;
}

export function PresetListItem({ preset, now, active, ...actions }: PresetListItemProps) {
  const { id, name } = preset;
  const href = `/p/${encodeURIComponent(id)}`;
  return (
    <Paper component="li" withBorder p="sm" aria-current={active ? 'true' : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} miw={0}>
          <Anchor
            href={href}
            fw={600}
            onClick={(event) => {
              // A plain click opens it here; a middle or modified click opens a new tab.
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              actions.onOpen(id);
            }}
          >
            {name}
          </Anchor>
          {preset.description && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {preset.description}
            </Text>
          )}
          <Text size="xs">
            {periodLabel(preset.query.period)} ·{' '}
            <time dateTime={preset.updatedAt} title={new Date(preset.updatedAt).toLocaleString()}>
              updated {formatTimeAgo(now - Date.parse(preset.updatedAt))}
            </time>
          </Text>
        </Stack>
        <Group gap={6} wrap="nowrap">
          <CopyLinkButton
            link={presetLink(id)}
            size="compact-sm"
            aria-label={`Copy link to ${name}`}
          />
          <Button
            size="compact-sm"
            variant="default"
            aria-label={`Rename ${name}`}
            onClick={() => actions.onRename(id)}
          >
            Rename
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            aria-label={`Delete ${name}`}
            onClick={() => actions.onDelete(id)}
          >
            Delete
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

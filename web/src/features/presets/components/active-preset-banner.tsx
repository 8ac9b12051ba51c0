import { Button, Group, Paper, Text } from '@mantine/core';
import { CopyLinkButton } from '../../../components/share/copy-link-button';
import { formatMonthRange } from '../../../lib/months';
import type { VersionedPreset } from '../api/preset-api';
import { periodLabel, presetLink } from '../preset-labels';

interface ActivePresetBannerProps {
  active: VersionedPreset;
  /** Absent when the preset is someone else's: it can be saved as a new one instead. */
  onSaveChanges: (() => void) | undefined;
}

/** Which preset the view came from, its period (relative ones say so), its link. */
export function ActivePresetBanner({ active, onSaveChanges }: ActivePresetBannerProps) {
  const { preset } = active;
  const { period } = preset.query;
  const resolved =
    period.kind === 'relative'
      ? ` (now ${formatMonthRange(preset.resolved.first, preset.resolved.last)})`
      : '';
  return (
    <Paper withBorder px="md" py="xs" component="section" aria-label="Preset">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          Preset <strong>{preset.name}</strong> · {periodLabel(period)}
          {resolved}
          {!onSaveChanges &&
            (preset.sharedBy ? ` · shared by ${preset.sharedBy}` : ' · shared preset')}
        </Text>
        <Group gap="xs">
          <CopyLinkButton link={presetLink(preset.id)} size="compact-sm" label="Copy preset link" />
          {onSaveChanges && (
            <Button size="compact-sm" variant="default" onClick={onSaveChanges}>
              Save changes…
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

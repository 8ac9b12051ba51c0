import { Alert, Button, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import type { PresetResponse } from '@ace/bff/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toApiError } from '../../../lib/api-client';
import type { VersionedPreset } from '../api/preset-api';
import { presetKeys, presetsQueryOptions } from '../api/preset-queries';
import { DeletePresetModal } from './delete-preset-modal';
import { PresetListItem } from './preset-list-item';
import { RenamePresetModal } from './rename-preset-modal';

interface PresetsListProps {
  id?: string;
  activeId: string | undefined;
  onOpen: (id: string) => void;
  onSaved: (saved: VersionedPreset) => void;
  onDeleted: (id: string) => void;
}

const matches = (preset: PresetResponse, search: string) => {
  const needle = search.trim().toLocaleLowerCase();
  return (
    preset.name.toLocaleLowerCase().includes(needle) ||
    preset.description.toLocaleLowerCase().includes(needle)
  );
};

/** The saved presets, newest change first, searchable by name and description. */
export function PresetsList({ id, activeId, onOpen, onSaved, onDeleted }: PresetsListProps) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const presets = useQuery(presetsQueryOptions());
  const [now] = useState(() => Date.now());
  const [search, setSearch] = useState('');
  const [renaming, setRenaming] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const items = presets.data ?? [];
  const shown = items.filter((preset) => matches(preset, search));
  const find = (presetId: string | undefined) => items.find((p) => p.id === presetId);
  const reload = () => void queryClient.invalidateQueries({ queryKey: presetKeys.list() });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} id={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          Presets
        </Title>
        <TextInput
          label="Search presets"
          placeholder="Name or description"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        {presets.isPending && <Skeleton height={60} aria-label="Loading presets" />}
        {presets.isError && (
          <Alert color="red" title={`Could not load presets: ${toApiError(presets.error).title}`}>
            <Button variant="default" onClick={reload} loading={presets.isFetching}>
              Try again
            </Button>
          </Alert>
        )}
        {presets.isSuccess && shown.length === 0 && (
          <Text size="sm" c="dimmed">
            {items.length === 0
              ? 'No presets yet. “Save as preset” keeps the current view under a name.'
              : `No presets match “${search.trim()}”.`}
          </Text>
        )}
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-labelledby={headingId}
        >
          {shown.map((preset) => (
            <PresetListItem
              key={preset.id}
              preset={preset}
              now={now}
              active={preset.id === activeId}
              onOpen={onOpen}
              onRename={setRenaming}
              onDelete={setDeleting}
            />
          ))}
        </Stack>
      </Stack>
      <RenamePresetModal
        preset={find(renaming)}
        onClose={() => setRenaming(undefined)}
        onSaved={onSaved}
        onReloadList={reload}
      />
      <DeletePresetModal
        preset={find(deleting)}
        onClose={() => setDeleting(undefined)}
        onDeleted={onDeleted}
        onReloadList={reload}
      />
    </Paper>
  );
}

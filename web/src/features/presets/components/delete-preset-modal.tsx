import { Button, Group, Stack, Text } from '@mantine/core';
import type { PresetResponse } from '@ace/bff/contract';
import { useState } from 'react';
import { AppModal } from '../../../components/dialog/app-modal';
import { etagOfVersion } from '../api/preset-api';
import { useDeletePreset, writeProblemOf, type WriteProblem } from '../api/use-preset-mutations';
import { WriteProblemAlert } from './write-problem-alert';

interface DeletePresetModalProps {
  preset: PresetResponse | undefined;
  onClose: () => void;
  onDeleted: (id: string) => void;
  onReloadList: () => void;
}

/** Deleting breaks every link to the preset: it asks first, and says so. */
export function DeletePresetModal({ preset, onClose, ...props }: DeletePresetModalProps) {
  return (
    <AppModal opened={preset !== undefined} onClose={onClose} title="Delete preset?">
      {preset && <DeleteConfirm key={preset.id} preset={preset} onClose={onClose} {...props} />}
    </AppModal>
  );
}

function DeleteConfirm({
  preset,
  onClose,
  onDeleted,
  onReloadList,
}: DeletePresetModalProps & { preset: PresetResponse }) {
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const { mutate, isPending } = useDeletePreset();
  const confirm = () => {
    setProblem(null);
    mutate(
      { id: preset.id, etag: etagOfVersion(preset.version) },
      {
        onSuccess: () => {
          onDeleted(preset.id);
          onClose();
        },
        onError: (error) => setProblem(writeProblemOf(error)),
      },
    );
  };
  return (
    <Stack>
      <Text>
        Delete <strong>{preset.name}</strong>? Its link will stop working: anyone who opens it will
        be told the saved view no longer exists. This cannot be undone.
      </Text>
      <WriteProblemAlert
        problem={problem}
        reloadAction={
          <Button
            variant="default"
            onClick={() => {
              setProblem(null);
              onReloadList();
            }}
          >
            Reload the list
          </Button>
        }
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button color="red.9" onClick={confirm} loading={isPending}>
          Delete preset
        </Button>
      </Group>
    </Stack>
  );
}

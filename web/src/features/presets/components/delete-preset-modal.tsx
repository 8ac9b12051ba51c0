import { Button, Group, Stack, Text } from '@mantine/core';
import type { PresetResponse } from '@ace/bff/contract';
import { etagOfVersion } from '../api/preset-api';
import { useDeletePreset } from '../api/use-preset-mutations';
import {
  ListedPresetModal,
  ListWriteProblemAlert,
  useWriteOutcome,
  type ListedPresetProps,
} from './preset-modal-parts';

interface DeletePresetModalProps extends ListedPresetProps {
  onDeleted: (id: string) => void;
}

/** Deleting breaks every link to the preset: it asks first, and says so. */
export function DeletePresetModal({ preset, onClose, ...props }: DeletePresetModalProps) {
  return (
    <ListedPresetModal preset={preset} onClose={onClose} title="Delete preset?">
      {(listed) => <DeleteConfirm preset={listed} onClose={onClose} {...props} />}
    </ListedPresetModal>
  );
}

function DeleteConfirm({
  preset,
  onClose,
  onDeleted,
  onReloadList,
}: DeletePresetModalProps & { preset: PresetResponse }) {
  const { problem, clearProblem, callbacks } = useWriteOutcome(() => onDeleted(preset.id), onClose);
  const { mutate, isPending } = useDeletePreset();
  const confirm = () => {
    clearProblem();
    mutate({ id: preset.id, etag: etagOfVersion(preset.version) }, callbacks);
  };
  return (
    <Stack>
      <Text>
        Delete <strong>{preset.name}</strong>? Its link will stop working: anyone who opens it will
        be told the saved view no longer exists. This cannot be undone.
      </Text>
      <ListWriteProblemAlert
        problem={problem}
        clearProblem={clearProblem}
        onReloadList={onReloadList}
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

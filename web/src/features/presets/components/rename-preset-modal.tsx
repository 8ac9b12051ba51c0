import { Button, Group, Stack } from '@mantine/core';
import type { PresetResponse } from '@ace/bff/contract';
import { useState } from 'react';
import { etagOfVersion, type VersionedPreset } from '../api/preset-api';
import { useUpdatePreset } from '../api/use-preset-mutations';
import { inputOf } from '../preset-input';
import {
  ListedPresetModal,
  ListWriteProblemAlert,
  PresetNameInput,
  useWriteOutcome,
  type ListedPresetProps,
} from './preset-modal-parts';

/** The preset as the list shows it: its version is the one being renamed. */
interface RenamePresetModalProps extends ListedPresetProps {
  onSaved: (saved: VersionedPreset) => void;
}

export function RenamePresetModal({ preset, onClose, ...props }: RenamePresetModalProps) {
  return (
    <ListedPresetModal preset={preset} onClose={onClose} title="Rename preset">
      {(listed) => <RenameForm preset={listed} onClose={onClose} {...props} />}
    </ListedPresetModal>
  );
}

function RenameForm({
  preset,
  onClose,
  onSaved,
  onReloadList,
}: RenamePresetModalProps & { preset: PresetResponse }) {
  const [name, setName] = useState(preset.name);
  const { problem, clearProblem, callbacks } = useWriteOutcome(onSaved, onClose);
  const [touched, setTouched] = useState(false);
  const { mutate, isPending } = useUpdatePreset();
  const empty = name.trim() === '';

  const submit = () => {
    setTouched(true);
    if (empty) return;
    clearProblem();
    mutate(
      { id: preset.id, etag: etagOfVersion(preset.version), input: inputOf(preset, { name }) },
      callbacks,
    );
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <PresetNameInput value={name} onChange={setName} touched={touched} />
        <ListWriteProblemAlert
          problem={problem}
          clearProblem={clearProblem}
          onReloadList={onReloadList}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={isPending}>
            Rename
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

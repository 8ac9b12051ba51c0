import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { PresetResponse } from '@ace/bff/contract';
import { useState } from 'react';
import { AppModal } from '../../../components/dialog/app-modal';
import { etagOfVersion, type VersionedPreset } from '../api/preset-api';
import { useUpdatePreset, writeProblemOf, type WriteProblem } from '../api/use-preset-mutations';
import { inputOf } from '../preset-input';
import { WriteProblemAlert } from './write-problem-alert';

interface RenamePresetModalProps {
  /** The preset as the list shows it (its version is the one being renamed). */
  preset: PresetResponse | undefined;
  onClose: () => void;
  onSaved: (saved: VersionedPreset) => void;
  onReloadList: () => void;
}

export function RenamePresetModal({ preset, onClose, ...props }: RenamePresetModalProps) {
  return (
    <AppModal opened={preset !== undefined} onClose={onClose} title="Rename preset">
      {preset && <RenameForm key={preset.id} preset={preset} onClose={onClose} {...props} />}
    </AppModal>
  );
}

function RenameForm({
  preset,
  onClose,
  onSaved,
  onReloadList,
}: RenamePresetModalProps & { preset: PresetResponse }) {
  const [name, setName] = useState(preset.name);
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const [touched, setTouched] = useState(false);
  const { mutate, isPending } = useUpdatePreset();
  const empty = name.trim() === '';

  const submit = () => {
    setTouched(true);
    if (empty) return;
    setProblem(null);
    mutate(
      { id: preset.id, etag: etagOfVersion(preset.version), input: inputOf(preset, { name }) },
      {
        onSuccess: (saved) => {
          onSaved(saved);
          onClose();
        },
        onError: (error) => setProblem(writeProblemOf(error)),
      },
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
        <TextInput
          label="Name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={touched && empty ? 'Give the preset a name' : undefined}
          maxLength={120}
          required
          data-autofocus
        />
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

import { Button, TextInput } from '@mantine/core';
import type { PresetResponse } from '@ace/bff/contract';
import { Fragment, useState, type ReactNode } from 'react';
import { AppModal } from '../../../components/dialog/app-modal';
import { writeProblemOf, type WriteProblem } from '../api/use-preset-mutations';
import { WriteProblemAlert } from './write-problem-alert';

/** What a modal about one preset of the list (rename, delete) is given by the list. */
export interface ListedPresetProps {
  /** The preset of the list the modal is about; the modal is open while there is one. */
  preset: PresetResponse | undefined;
  onClose: () => void;
  onReloadList: () => void;
}

interface ListedPresetModalProps extends Omit<ListedPresetProps, 'onReloadList'> {
  title: string;
  /** The body, mounted afresh for each preset (so no state of another one lingers). */
  children: (preset: PresetResponse) => ReactNode;
}

/** A modal about one preset of the list (rename, delete). */
export function ListedPresetModal({ preset, title, onClose, children }: ListedPresetModalProps) {
  return (
    <AppModal opened={preset !== undefined} onClose={onClose} title={title}>
      {preset && <Fragment key={preset.id}>{children(preset)}</Fragment>}
    </AppModal>
  );
}

/**
 * How a save, rename or delete ends: on success it reports the result and closes; on failure it
 * keeps the problem to show.
 */
export function useWriteOutcome<T>(onDone: (result: T) => void, onClose: () => void) {
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const callbacks = {
    onSuccess: (result: T) => {
      onDone(result);
      onClose();
    },
    onError: (error: unknown) => setProblem(writeProblemOf(error)),
  };
  return { problem, clearProblem: () => setProblem(null), callbacks };
}

/** Why a rename or delete from the list did not happen; after a 412, reloading the list. */
export function ListWriteProblemAlert({
  problem,
  clearProblem,
  onReloadList,
}: {
  problem: WriteProblem | null;
  clearProblem: () => void;
  onReloadList: () => void;
}) {
  return (
    <WriteProblemAlert
      problem={problem}
      reloadAction={
        <Button
          variant="default"
          onClick={() => {
            clearProblem();
            onReloadList();
          }}
        >
          Reload the list
        </Button>
      }
    />
  );
}

/** The preset's name: required (an error once the user tried to save), focused first. */
export function PresetNameInput({
  value,
  onChange,
  touched,
}: {
  value: string;
  onChange: (name: string) => void;
  /** Whether the user has tried to save: only then is an empty name an error. */
  touched: boolean;
}) {
  return (
    <TextInput
      label="Name"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={touched && value.trim() === '' ? 'Give the preset a name' : undefined}
      maxLength={120}
      required
      data-autofocus
    />
  );
}

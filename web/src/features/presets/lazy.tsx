import { Skeleton } from '@mantine/core';
import { Suspense, useState, type ComponentProps } from 'react';
import { lazyWithPreload, preloadOnFirstInteraction } from '../../lib/lazy-with-preload';
import type { PresetsList as LoadedList } from './components/presets-list';
import type { SavePresetModalProps } from './components/save-preset-modal';

// Presets are opened by a click: their code (the list with its rename and delete dialogs, the
// save dialog's form) is not part of the first screen, and is fetched at the first interaction.
type PresetsListProps = ComponentProps<typeof LoadedList>;

const list = lazyWithPreload<PresetsListProps>(() =>
  import('./components/presets-list').then((module) => ({ default: module.PresetsList })),
);
const saveModal = lazyWithPreload<SavePresetModalProps>(() =>
  import('./components/save-preset-modal').then((module) => ({
    default: module.SavePresetModal,
  })),
);
preloadOnFirstInteraction(list.preload);
preloadOnFirstInteraction(saveModal.preload);

export function PresetsList(props: PresetsListProps) {
  return (
    <Suspense fallback={<Skeleton height={120} radius="sm" aria-label="Loading the presets" />}>
      <list.Component {...props} />
    </Suspense>
  );
}

/** Nothing until first opened, then kept mounted so the dialog can animate closed. */
export function SavePresetModal(props: SavePresetModalProps) {
  const [used, setUsed] = useState(props.mode !== null);
  if (props.mode !== null && !used) setUsed(true);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <saveModal.Component {...props} />
    </Suspense>
  );
}

import { AppModal } from '../../../components/dialog/app-modal';
import { SavePresetForm, type SavePresetTarget } from './save-preset-form';

export interface SavePresetModalProps extends SavePresetTarget {
  /** `new`: a new preset; `update`: replace `active` (and offer "Save as new" too). */
  mode: 'new' | 'update' | null;
  onClose: () => void;
}

export function SavePresetModal({ mode, onClose, ...props }: SavePresetModalProps) {
  const updating = mode === 'update' && props.active !== null;
  return (
    <AppModal
      opened={mode !== null}
      onClose={onClose}
      title={updating ? `Save changes to “${props.active?.preset.name}”` : 'Save as preset'}
      size="lg"
    >
      {mode && <SavePresetForm key={mode} updating={updating} onClose={onClose} {...props} />}
    </AppModal>
  );
}

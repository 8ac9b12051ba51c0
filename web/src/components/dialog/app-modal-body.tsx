import { Modal, type ModalRootProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface AppModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalRootProps['size'];
  children: ReactNode;
}

/**
 * Loaded on first open (app-modal.tsx). Mantine's Modal with a labelled close button, and a header that is not a landmark: Mantine
 * renders it as <header>, which axe counts as a second "banner" next to the page's own.
 */
export default function AppModalBody({ opened, onClose, title, size, children }: AppModalProps) {
  return (
    <Modal.Root opened={opened} onClose={onClose} size={size}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label="Close" />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

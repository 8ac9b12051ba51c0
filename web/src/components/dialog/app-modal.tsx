import { Suspense, useState } from 'react';
import { lazyWithPreload, preloadOnFirstInteraction } from '../../lib/lazy-with-preload';
import type { AppModalProps } from './app-modal-body';

/**
 * Mantine's Modal (with its scroll lock and focus trap) is not on the first screen: its code is
 * fetched at the first interaction, or when a dialog first opens (a few KB, same server).
 */
const body = lazyWithPreload(() => import('./app-modal-body'));
preloadOnFirstInteraction(body.preload);

/** A dialog: nothing until first opened, then kept mounted so it can animate closed. */
export function AppModal(props: AppModalProps) {
  const [used, setUsed] = useState(props.opened);
  if (props.opened && !used) setUsed(true);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <body.Component {...props} />
    </Suspense>
  );
}
